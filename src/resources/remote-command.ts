import { remoteShellPath } from "../ssh/quote.ts";
import { sectionCommand } from "./sections.ts";

/**
 * The node-side half of a resource reading, to append to a probe's command: the filesystems of
 * `/`, the login home and the dispatch dir (left out while it does not exist yet: its parent is
 * read anyway as the home or `/`), their inodes, and /proc/meminfo. Three small processes on the
 * node; no extra round trip. LC_ALL=C keeps df's header in English for the parser.
 */
export function resourcesCommand(dispatchDir: string): string {
  const dir = remoteShellPath(dispatchDir);
  return [
    `set -- / "\${HOME:-/}"`,
    `if [ -d ${dir} ]; then set -- "$@" ${dir}; fi`,
    sectionCommand("df", `LC_ALL=C df -Pk "$@" 2>&1`),
    sectionCommand("df-inodes", `LC_ALL=C df -Pi "$@" 2>&1`),
    sectionCommand("meminfo", "cat /proc/meminfo 2>&1"),
  ].join("; ");
}
