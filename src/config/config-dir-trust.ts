import { join } from "node:path";
import { untrustedReason } from "../files/trusted-dir.ts";

// What install-daemon reads from the config dir (src/units/templates.ts): the unit templates
// become root's units on every node, so they are held to the same rule as oyster.json.
const TEMPLATE_PATHS = ["systemd", join("systemd", "agent-daemon.service"), join("systemd", "watcher.service")];

/**
 * The config dir and the files Oyster reads from it, judged as src/files/trusted-dir.ts says
 * (owned by you or root, writable by no one else), as config problems: `environment:
 * OYSTER_CONFIG_DIR: ...` for the dir, `<file>: ...` for a file. A missing dir or file is no
 * problem: every config file is optional.
 */
export function configDirProblems(dir: string, files: readonly string[]): string[] {
  const problems: string[] = [];
  const dirWhy = untrustedReason(dir, { rootMayOwn: true });
  if (dirWhy !== null) problems.push(`environment: OYSTER_CONFIG_DIR: ${dirWhy}`);
  for (const name of [...files, ...TEMPLATE_PATHS]) {
    const why = untrustedReason(join(dir, name), { rootMayOwn: true });
    if (why !== null) problems.push(`${name}: ${why}`);
  }
  return problems;
}
