import type { Db } from "./open-db.ts";

export interface HistoryRetention {
  /** Audit rows older than this many days go. */
  auditDays: number;
  /** Finished job runs, the fix history and answered bot requests older than this go. */
  jobRunsDays: number;
}

export interface Pruned {
  audit: number;
  jobRuns: number;
  fixes: number;
  requests: number;
}

const DAY_MS = 86_400_000;

/**
 * Housekeeping for a bot that runs for months (run by the guardian job): history tables that
 * grow with every command and run are cut at their retention, in one transaction. Runs still
 * marked running and requests not yet answered are never removed.
 */
export function pruneHistory(db: Db, retention: HistoryRetention, now: Date): Pruned {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  return db.transaction(() => ({
    audit: db.prepare("DELETE FROM audit WHERE at < ?").run(before(retention.auditDays)).changes,
    jobRuns: db.prepare("DELETE FROM job_runs WHERE outcome != 'running' AND started_at < ?").run(before(retention.jobRunsDays)).changes,
    fixes: db.prepare("DELETE FROM fixes WHERE at < ?").run(before(retention.jobRunsDays)).changes,
    requests: db.prepare("DELETE FROM bot_requests WHERE status != 'pending' AND requested_at < ?").run(before(retention.jobRunsDays)).changes,
  }))();
}
