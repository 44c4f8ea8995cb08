import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";

/**
 * The data dir holds task prompts, the audit log and the outbox: its dirs are 0700 and its files
 * 0600 whatever the umask. A umask can only take bits away, so a create with these modes is
 * never wider; the chmod after makes it exact.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** `mkdir -p` where every dir it creates is 0700; an existing dir is left as it is. */
export function ensurePrivateDir(path: string): void {
  if (existsSync(path)) return;
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(path, PRIVATE_DIR_MODE);
}

/** Creates an empty 0600 file when there is none (SQLite then keeps that mode, and gives it to -wal and -shm). */
export function ensurePrivateFile(path: string): void {
  if (existsSync(path)) return;
  closeSync(openSync(path, "a", PRIVATE_FILE_MODE));
  chmodSync(path, PRIVATE_FILE_MODE);
}

/** For files written by something that does not take a mode (SQLite's backup, VACUUM INTO). */
export function makePrivate(path: string): void {
  chmodSync(path, PRIVATE_FILE_MODE);
}
