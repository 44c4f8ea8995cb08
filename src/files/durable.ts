import { closeSync, fsyncSync, openSync } from "node:fs";

/** Flushes a file's bytes to the disk before anyone is told they are there. */
export function syncFile(path: string, flags = "r+"): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes a rename in `dir` durable. Best effort: some platforms refuse to fsync a directory, and
 * the rename is still atomic there.
 */
export function syncDir(dir: string): void {
  try {
    syncFile(dir, "r");
  } catch {
    // the rename itself has happened
  }
}
