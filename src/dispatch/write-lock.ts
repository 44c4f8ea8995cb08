import { setTimeout as sleep } from "node:timers/promises";
import { openSqlite, type SqliteDb } from "../store/sqlite-driver.ts";
import { OysterError } from "../errors.ts";
import { describeHolders, fileHolders } from "../store/lock-holders.ts";

/**
 * `BEGIN IMMEDIATE`, retried every millisecond until `timeoutMs`; resolves with the time waited.
 *
 * Why not SQLite's own busy_timeout: its handler sleeps inside the call (blocking the bot's event
 * loop for up to the whole timeout) and backs off to one try per 100 ms. A writer that commits
 * back to back holds the lock nearly all the time, so rare tries can miss every gap between its
 * commits. Polling often, between event-loop turns, catches a gap and keeps the bot responsive.
 */
export async function beginImmediate(db: SqliteDb, timeoutMs: number): Promise<number> {
  const started = performance.now();
  const previous = db.pragma("busy_timeout", { simple: true }) as number;
  db.pragma("busy_timeout = 0");
  try {
    for (;;) {
      try {
        db.exec("BEGIN IMMEDIATE");
        return performance.now() - started;
      } catch (err) {
        if (!isBusy(err)) throw err;
        const waited = performance.now() - started;
        if (waited >= timeoutMs) {
          const holders = fileHolders(db.name);
          const by = holders.length > 0 ? describeHolders(holders) : "another writer";
          throw new OysterError("Busy", `${db.name} stayed locked by ${by} for ${Math.round(waited)} ms; try again once it lets go`, { file: db.name, pids: holders.map((h) => h.pid), waitedMs: waited }, { cause: err });
        }
        await sleep(1);
      }
    }
  } finally {
    db.pragma(`busy_timeout = ${previous}`);
  }
}

export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}

/** Whether another process holds dispatch.db's write lock, as `db` reports it. */
export interface WriteLockProbe {
  held: boolean;
  /** How long the probe waited for the lock (the whole timeout when held). */
  waitedMs: number;
  timeoutMs: number;
  /** Set when the probe could not run at all (no write access to the file or its dir); held is then false. */
  error?: string;
}

/**
 * `BEGIN IMMEDIATE` on a connection of its own, then ROLLBACK: takes the write lock for an instant
 * and writes nothing. Held = no gap in `timeoutMs` (a writer committing back to back still leaves
 * gaps between commits: that is a busy database, not a stuck one).
 *
 * The probe cannot be read-only: a read-only connection's BEGIN IMMEDIATE succeeds without taking
 * the lock. But the last read-write connection to close checkpoints the WAL into the file and
 * deletes it, a write: so a read-only guard connection, which never checkpoints, stays open (with a
 * read done, holding its shared lock) until the probe's connection is closed.
 */
export async function probeWriteLock(path: string, timeoutMs = 500): Promise<WriteLockProbe> {
  const started = performance.now();
  const guard = openSqlite(path, { readonly: true, fileMustExist: true });
  let db: SqliteDb | undefined;
  try {
    guard.pragma("schema_version");
    db = openSqlite(path, { fileMustExist: true });
    await beginImmediate(db, timeoutMs);
    db.exec("ROLLBACK");
    return { held: false, waitedMs: Math.round(performance.now() - started), timeoutMs };
  } catch (err) {
    const waitedMs = Math.round(performance.now() - started);
    if (err instanceof OysterError && err.code === "Busy") return { held: true, waitedMs, timeoutMs };
    return { held: false, waitedMs, timeoutMs, error: (err as Error).message };
  } finally {
    db?.close();
    guard.close();
  }
}
