import type { Config } from "../config/index.ts";
import { toOysterError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { Store } from "../store/index.ts";
import { lockHolder } from "../store/lock.ts";
import { loadCounts, saveCounts } from "./counts-cache.ts";
import { locateDispatch } from "./read-db.ts";
import { runSqliteJob } from "./sqlite-worker-client.ts";
import { dispatchSummary, type DispatchSummary, type SummaryOptions } from "./summary.ts";

/** Held by the backup (and by restore, which replaces the file): every Oyster process sees it in state.db. */
export const BACKUP_LOCK = "job:backup";

/**
 * How old a kept reading may be and still be served while a backup runs. The backup takes one
 * right before it copies, so this only has to outlast the copy (seconds for 1 GB); five minutes
 * also covers a status read shortly before a backup that could not take its own.
 */
export const COUNTS_MAX_AGE_MS = 300_000;

export const UNAVAILABLE_DURING_BACKUP = "task counts unavailable while a backup runs";

export interface StatusReadingOptions extends SummaryOptions {
  now?: () => Date;
  maxAgeMs?: number;
}

/**
 * dispatch's task counts and node states for `status`. Outside a backup: read from dispatch.db as
 * always, and kept in state.db. While a backup holds dispatch.db: the kept reading, if it is
 * recent enough, marked `stale` with its time (`countsAsOf`), or none; never a scan of the tasks
 * table, which under the backup's long read stalled status (a Slack ack's p99 of 1.5 s on 1 GB).
 */
export async function dispatchForStatus(config: Config, store: Store, opts: StatusReadingOptions = {}): Promise<DispatchSummary> {
  const now = opts.now ?? (() => new Date());
  const where = locateDispatch(config);
  if (where.state === "ok" && lockHolder(store.db, BACKUP_LOCK)) {
    const base = { configured: true, dir: where.dir, db: where.db, stale: true as const };
    const kept = loadCounts(store.db, where.db);
    const fresh = kept && now().getTime() - kept.readAt.getTime() <= (opts.maxAgeMs ?? COUNTS_MAX_AGE_MS);
    return fresh ? { ...base, ...kept.counts, countsAsOf: kept.readAt.toISOString() } : { ...base, reason: UNAVAILABLE_DURING_BACKUP };
  }
  const summary = await dispatchSummary(config, opts);
  if (summary.db && summary.tasks) keep(store, summary.db, { tasks: summary.tasks, ...(summary.nodes ? { nodes: summary.nodes } : {}) }, now());
  return summary;
}

/**
 * The reading the backup takes just before it copies (off the event loop, in the SQLite worker),
 * so that status during the copy has counts seconds old. Best effort: a backup is never held up
 * or failed by it.
 */
export async function readAheadOfBackup(store: Store, dbPath: string, now: () => Date, log: Logger): Promise<void> {
  try {
    const counts = await runSqliteJob("dispatchCounts", { path: dbPath });
    if ("tasks" in counts) keep(store, dbPath, counts, now());
  } catch (err) {
    log.warn({ err: toOysterError(err) }, "dispatch counts not read before the backup");
  }
}

function keep(store: Store, dbPath: string, counts: Parameters<typeof saveCounts>[2], at: Date): void {
  try {
    saveCounts(store.db, dbPath, counts, at);
  } catch {
    // A state.db busy beyond its timeout (or read-only): this answer still goes out, only the
    // next backup's status may then have an older reading.
  }
}
