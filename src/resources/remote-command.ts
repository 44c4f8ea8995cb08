import { remoteShellPath } from "../ssh/quote.ts";
import { sectionCommand } from "./sections.ts";

/**
 * `cat <path>` without a process: the shell's own `read` copies the file line by line. A status
 * round reads a few /proc files on every node, and each process spawned there costs the node a
 * fork and exec (on a 20-node rig sharing two cores, two `cat`s were a fifth of the round). The
 * path must be a fixed, shell-safe literal; a missing file fails the redirect (status 2 in dash,
 * 1 in bash) with the shell's own "No such file" message.
 */
export function readFileCommand(path: string): string {
  if (!/^\/[A-Za-z0-9/_.-]+$/.test(path)) throw new Error(`not a plain path: ${path}`);
  return `while IFS= read -r l || [ -n "$l" ]; do printf '%s\\n' "$l"; done < ${path}`;
}

/** Blocks, then inodes, then the mount point: a header both df parsers read (parse-df.ts). */
const GNU_COLUMNS = "source,size,used,avail,pcent,itotal,iused,iavail,ipcent,target";

/**
 * The node-side half of a resource reading, to append to a probe's command: the filesystems of
 * `/`, the login home and the dispatch dir (left out while it does not exist yet: its parent is
 * read anyway as the home or `/`), their inodes, and /proc/meminfo. One small process on the
 * node (df; two where df is not GNU's); no extra round trip. LC_ALL=C keeps df's header in English for the parser.
 */
export function resourcesCommand(dispatchDir: string): string {
  const dir = remoteShellPath(dispatchDir);
  return [
    `set -- / "\${HOME:-/}"`,
    `if [ -d ${dir} ]; then set -- "$@" ${dir}; fi`,
    // GNU df gives blocks and inodes in one process (a table both parsers read); anything else
    // (BusyBox, the BSDs) says no to --output, and the two POSIX tables follow instead.
    `${sectionCommand("df-all", `LC_ALL=C df -k --output=${GNU_COLUMNS} "$@" 2>/dev/null`, "oyster_df")}; if [ "$oyster_df" != 0 ]; then ${sectionCommand("df", `LC_ALL=C df -Pk "$@" 2>&1`)}; ${sectionCommand("df-inodes", `LC_ALL=C df -Pi "$@" 2>&1`)}; fi`,
    sectionCommand("meminfo", `{ ${readFileCommand("/proc/meminfo")}; } 2>&1`),
  ].join("; ");
}
