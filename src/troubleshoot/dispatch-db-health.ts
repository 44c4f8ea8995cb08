import { stat } from "node:fs/promises";
import type { Config } from "../config/index.ts";
import { readDbFacts, type DbFacts } from "../dispatch/db-facts.ts";
import { locateDispatch } from "../dispatch/read-db.ts";
import { runSqliteJob } from "../dispatch/sqlite-worker-client.ts";
import { probeWriteLock, type WriteLockProbe } from "../dispatch/write-lock.ts";

/** How long `db` tries for the write lock: the contract says never longer than 1 s. */
export const LOCK_PROBE_MS = 500;

export type DbHealth =
  | { configured: false; dir: string; reason: string }
  | { configured: true; dir: string; db: string; exists: false; reason: string }
  | ({ configured: true; dir: string; db: string; exists: true; fileBytes: number; walBytes: number | null; writeLock: WriteLockProbe } & (DbFacts | { error: string }));

export interface HealthDeps {
  now?: () => Date;
  /** In the bot: the scans (tasks by status, running) run in the SQLite worker, off the event loop. */
  offThread?: boolean;
  lockProbeMs?: number;
}

const sizeOf = (path: string) => stat(path).then((s) => s.size, () => null);

/**
 * dispatch.db's health, the runbook's Python lock check included. Everything is read through
 * read-only connections; the lock probe takes the lock for an instant and rolls back.
 */
export async function dispatchDbHealth(config: Config, deps: HealthDeps = {}): Promise<DbHealth> {
  const where = locateDispatch(config);
  if (where.state === "not-configured") return { configured: false, dir: where.dir, reason: where.reason };
  if (where.state === "no-db") return { configured: true, dir: where.dir, db: where.db, exists: false, reason: "dispatch.db does not exist yet (the guardian's db_schema check creates it)" };
  const now = (deps.now ?? (() => new Date()))().toISOString();
  const [fileBytes, walBytes] = await Promise.all([sizeOf(where.db), sizeOf(`${where.db}-wal`)]);
  // The lock first: the facts' reads must not be what the probe sees (they end before it starts anyway).
  const writeLock = await probeWriteLock(where.db, deps.lockProbeMs ?? LOCK_PROBE_MS);
  let facts: DbFacts | { error: string };
  try {
    facts = deps.offThread ? await runSqliteJob("dbFacts", { path: where.db, now }) : readDbFacts(where.db, now);
  } catch (err) {
    facts = { error: `cannot read dispatch.db: ${(err as Error).message}` };
  }
  return { configured: true, dir: where.dir, db: where.db, exists: true, fileBytes: fileBytes ?? 0, walBytes, writeLock, ...facts };
}

/** Unhealthy (exit 1): unreadable, or a write lock nobody let go of for the whole probe. */
export function dbUnhealthy(h: DbHealth): boolean {
  return h.configured && h.exists && ("error" in h || h.writeLock.held);
}
