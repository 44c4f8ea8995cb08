import { closeSync, fsyncSync, openSync, rmSync } from "node:fs";

/** Flushes a file's bytes to the disk before anyone is told they are there. */
export function syncFile(path: string, flags = "r+"): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable. Some platforms refuse to fsync a directory; the file is synced anyway. */
export function syncDir(dir: string): void {
  try {
    syncFile(dir, "r");
  } catch {
    // best effort
  }
}

/** A SQLite file and whatever journal it may have beside it. */
export function removeWithJournals(path: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${path}${suffix}`, { force: true });
}
