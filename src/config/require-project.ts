import { OysterError } from "../errors.ts";

/**
 * A project named by a person must be one of projects.json's (it reaches a shell or a path):
 * otherwise UnknownProject (exit 2), listing the known ones.
 */
export function requireProject(known: readonly string[], project: string): void {
  if (known.includes(project)) return;
  throw new OysterError("UnknownProject", `unknown project "${project}" (known: ${known.length ? known.join(", ") : "none in projects.json"})`, { project, known: [...known] });
}
