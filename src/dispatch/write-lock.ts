import { setTimeout as sleep } from "node:timers/promises";
import type { SqliteDb } from "../store/sqlite-driver.ts";
import { OysterError } from "../errors.ts";

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
          throw new OysterError("Busy", `dispatch.db stayed locked by another writer for ${Math.round(waited)} ms`, { waitedMs: waited }, { cause: err });
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
