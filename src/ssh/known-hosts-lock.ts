import { closeSync, mkdirSync, openSync, statSync, unlinkSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { OysterError } from "../errors.ts";

/**
 * A lock beside known_hosts (`<file>.lock`, created with O_EXCL) around "judge, then append".
 * Within one process a synchronous read-then-append cannot interleave, but the bot and CLI
 * commands are separate processes over the same known_hosts: two of them learning the same new
 * host at once would both find it unknown and both append it. The critical section is one read
 * and one append (well under a millisecond), so waiting is short and a lock older than `staleMs`
 * can only be left by a process that died holding it.
 */
export interface KnownHostsLockOptions {
  /** Give up after this long (the dial then fails and writes nothing; the next one tries again). */
  waitMs?: number;
  /** A lock file older than this is taken to be left over and removed. */
  staleMs?: number;
  pollMs?: number;
  /** Told once when another holder makes this one wait (tests step in there). */
  onWait?: () => void;
}

const DEFAULTS = { waitMs: 3_000, staleMs: 10_000, pollMs: 10 };

export function knownHostsLockPath(knownHostsPath: string): string {
  return `${knownHostsPath}.lock`;
}

/** True when this process now holds the lock; false when another does. */
function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, "wx", 0o600);
    try {
      writeSync(fd, `${process.pid}\n`);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
}

function removeIfStale(path: string, staleMs: number): void {
  try {
    if (Date.now() - statSync(path).mtimeMs > staleMs) unlinkSync(path);
  } catch (err) {
    // Released between our attempt and the stat: simply try again.
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
}

/** Runs `fn` (synchronous: nothing else may run while the lock is held) under the known_hosts lock. */
export async function withKnownHostsLock<T>(knownHostsPath: string, fn: () => T, options: KnownHostsLockOptions = {}): Promise<T> {
  const o = { ...DEFAULTS, ...options };
  const lock = knownHostsLockPath(knownHostsPath);
  mkdirSync(dirname(lock), { recursive: true, mode: 0o700 });
  const started = Date.now();
  let told = false;
  while (!tryCreate(lock)) {
    if (!told) {
      told = true;
      o.onWait?.();
    }
    if (Date.now() - started >= o.waitMs) {
      throw new OysterError("Busy", `${lock} has been held for over ${o.waitMs} ms by another process; known_hosts left unchanged (remove the file if no Oyster process is running)`, { lock });
    }
    removeIfStale(lock, o.staleMs);
    await sleep(o.pollMs);
  }
  try {
    return fn();
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      // Already gone (removed by hand as stale): nothing to release.
    }
  }
}
