import { shellQuote } from "../ssh/index.ts";

/**
 * Fills `{project}` in `dispatch.startCommand` / `stopCommand` with the shell-quoted name. The
 * template is the operator's own config (trusted, a shell line by design); the project name is
 * checked against projects.json and a plain character set, and quoted all the same.
 */
export function dispatchCommand(template: string, project: string): string {
  return template.replaceAll("{project}", shellQuote(project));
}
