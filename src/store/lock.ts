import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { OysterError } from "../errors.ts";
import type { Db } from "./open-db.ts";

export interface LockOptions {
  /** Who holds it, for the "busy" message: e.g. "bot" or "cli:alice". */
  label: string;
  /** How long to wait for a holder to finish before saying "busy". */
  waitMs?: number;
  /** A holder that dies without releasing loses the lock after this long (renewed while held). */
  leaseMs?: number;
  now?: () => number;
  pid?: number;
  host?: string;
}

export interface HeldLock {
  name: string;
  release(): void;
}

interface LockRow {
  owner: string;
  label: string;
  host: string;
  pid: number;
  acquired_at: string;
  expires_at: number;
}

/** Whether a process with this pid exists on this host (EPERM: it exists, owned by someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A holder whose lease ran out, or that died on this host, holds nothing. */
function isStale(row: LockRow, now: number, host: string): boolean {
  return row.expires_at < now || (row.host === host && !processAlive(row.pid));
}

export interface LockHolder {
  label: string;
  pid: number;
  host: string;
  acquiredAt: string;
}

/**
 * Who holds `name` now, without taking it or waiting: for a reader that only needs to know (status
 * during a backup). A crashed holder counts as none, as it does for acquireLock.
 */
export function lockHolder(db: Db, name: string, now: () => number = Date.now, host: string = hostname()): LockHolder | undefined {
  const row = db.prepare("SELECT owner, label, host, pid, acquired_at, expires_at FROM locks WHERE name = ?").get(name) as LockRow | undefined;
  if (!row || isStale(row, now(), host)) return undefined;
  return { label: row.label, pid: row.pid, host: row.host, acquiredAt: row.acquired_at };
}

/**
 * A named lock in state.db shared by every Oyster process (bot and CLI). A lease that is renewed
 * while held, plus a liveness check of a holder on this host, keeps a crashed holder from
 * blocking forever.
 */
export async function acquireLock(db: Db, name: string, opts: LockOptions): Promise<HeldLock> {
  const now = opts.now ?? Date.now;
  const leaseMs = opts.leaseMs ?? 60_000;
  const me = { owner: randomUUID(), host: opts.host ?? hostname(), pid: opts.pid ?? process.pid };
  const deadline = now() + (opts.waitMs ?? 0);

  const tryTake = db.transaction((): LockRow | undefined => {
    const row = db.prepare("SELECT owner, label, host, pid, acquired_at, expires_at FROM locks WHERE name = ?").get(name) as LockRow | undefined;
    if (row && !isStale(row, now(), me.host)) return row;
    db.prepare("INSERT OR REPLACE INTO locks (name, owner, label, host, pid, acquired_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .run(name, me.owner, opts.label, me.host, me.pid, new Date(now()).toISOString(), now() + leaseMs);
    return undefined;
  });

  for (;;) {
    const holder = tryTake.immediate();
    if (!holder) break;
    if (now() >= deadline) {
      throw new OysterError("Busy", `busy: ${name} is held by ${holder.label} (pid ${holder.pid} on ${holder.host}) since ${holder.acquired_at}`, { lock: name, holder: holder.label });
    }
    await sleep(100);
  }

  const renew = setInterval(() => {
    try {
      db.prepare("UPDATE locks SET expires_at = ? WHERE name = ? AND owner = ?").run(now() + leaseMs, name, me.owner);
    } catch {
      // A closed database at shutdown: the lease simply runs out.
    }
  }, Math.max(1000, Math.floor(leaseMs / 3)));
  renew.unref();

  return {
    name,
    release() {
      clearInterval(renew);
      db.prepare("DELETE FROM locks WHERE name = ? AND owner = ?").run(name, me.owner);
    },
  };
}

/** Runs `fn` while holding the lock; always releases. */
export async function withLock<T>(db: Db, name: string, opts: LockOptions, fn: () => Promise<T>): Promise<T> {
  const lock = await acquireLock(db, name, opts);
  try {
    return await fn();
  } finally {
    lock.release();
  }
}
