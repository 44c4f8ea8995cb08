import { rmSync } from "node:fs";

/** A SQLite file and whatever journal it may have beside it. */
export function removeWithJournals(path: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${path}${suffix}`, { force: true });
}
