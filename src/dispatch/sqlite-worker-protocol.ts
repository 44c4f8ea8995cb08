import { OysterError, toOysterError, type ErrorCode } from "../errors.ts";
import type { DbFacts } from "./db-facts.ts";
import type { StuckInputs } from "./stuck-inputs.ts";
import type { DispatchCounts } from "./summary.ts";

/** What the worker returns for a copy it made, checked and hashed (the caller renames it into place). */
export interface CheckedCopy {
  bytes: number;
  sha256: string;
  /** Row count per table in the copy. */
  rows: Record<string, number>;
}

/**
 * The heavy SQLite and file work the main thread hands to the worker (src/dispatch/sqlite-worker.ts):
 * each op's arguments and result, plain data that survives structured clone.
 */
export interface SqliteOps {
  /** Copy every page of `src` to `tmp`, integrity_check it, count rows, fsync, hash. */
  snapshot: { args: { src: string; tmp: string }; result: CheckedCopy };
  /** Hash `path`; when it equals `sha256`, also integrity_check it (problems: null when the hash differs). */
  verify: { args: { path: string; sha256: string }; result: { sha256: string; problems: string[] | null } };
  /** Row count per table, read-only. */
  rowCounts: { args: { path: string }; result: Record<string, number> };
  /** Copy a file byte for byte and hash the copy (not the source: what lands is what is checked). */
  copyFile: { args: { from: string; to: string }; result: { sha256: string } };
  /** Tasks by status and dispatch's node states (status in the bot, off its event loop). */
  dispatchCounts: { args: { path: string }; result: DispatchCounts };
  /** `db`'s read: PRAGMAs, tasks by status, the running tasks (full scans, so off the bot's loop). */
  dbFacts: { args: { path: string; now: string }; result: DbFacts };
  /** The guardian's stuck_tasks read: running tasks (on `node`, or all) and node states. */
  stuckInputs: { args: { path: string; node: string | null }; result: StuckInputs };
}

export type SqliteOp = keyof SqliteOps;

export interface SqliteRequest<K extends SqliteOp = SqliteOp> {
  id: number;
  op: K;
  args: SqliteOps[K]["args"];
}

export interface WireError {
  code: ErrorCode;
  message: string;
  details: Record<string, unknown>;
}

export type SqliteReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: WireError };

/** Errors cross the thread boundary as data; the code is what callers branch on, so it is kept. */
export function errorToWire(err: unknown): WireError {
  const e = toOysterError(err);
  return { code: e.code, message: e.message, details: cloneable(e.details) };
}

export function errorFromWire(w: WireError): OysterError {
  return new OysterError(w.code, w.message, w.details);
}

function cloneable(details: Record<string, unknown>): Record<string, unknown> {
  try {
    structuredClone(details);
    return details;
  } catch {
    return JSON.parse(JSON.stringify(details)) as Record<string, unknown>;
  }
}
