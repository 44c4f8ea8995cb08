import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { processAlive } from "../store/lock.ts";

/** A SQLite file and whatever journal it may have beside it. */
export function removeWithJournals(path: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * Removes the work files that processes killed mid-way left in `dir`: names matching `pattern`,
 * whose first capture group is the pid that made them, for pids no longer alive on this host
 * (with their journals). A restore or database creation killed by SIGKILL leaves a copy as big as
 * dispatch.db beside it, and the next run, in a new process, would never look for it. Returns
 * the names removed.
 */
export function removeOrphans(dir: string, pattern: RegExp, alive: (pid: number) => boolean = processAlive): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || alive(pid)) continue;
    try {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // not ours to remove after all (permissions): left as it is
    }
  }
  return removed;
}
