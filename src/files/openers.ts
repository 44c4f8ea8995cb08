import { existsSync, readdirSync, readlinkSync, realpathSync } from "node:fs";

/**
 * Other processes that have `path` open, found through /proc/<pid>/fd (Linux). Catches what
 * SQLite's locks cannot: a connection in rollback-journal mode holds no lock while idle. Sees the
 * processes this user may inspect (all of them as root; otherwise the user's own, which is where
 * dispatch usually runs). Elsewhere (macOS) it returns [] and the lock check at the swap remains.
 */
export function otherOpeners(path: string, procDir = "/proc", self = process.pid): number[] {
  if (!existsSync(`${procDir}/self/fd`) || !existsSync(path)) return [];
  const target = realpathSync(path);
  const pids: number[] = [];
  for (const entry of readdirSync(procDir)) {
    if (!/^\d+$/.test(entry) || Number(entry) === self) continue;
    let fds: string[];
    try {
      fds = readdirSync(`${procDir}/${entry}/fd`);
    } catch {
      continue; // gone, or another user's process we may not inspect
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = readlinkSync(`${procDir}/${entry}/fd/${fd}`);
      } catch {
        continue;
      }
      if (link === target) {
        pids.push(Number(entry));
        break;
      }
    }
  }
  return pids;
}
