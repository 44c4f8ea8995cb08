import type { Config } from "../config/index.ts";
import { locateDispatch, openDispatchReadOnly, tableNames } from "./read-db.ts";
import { runSqliteJob } from "./sqlite-worker-client.ts";

export const TASK_STATUSES = ["pending", "running", "done", "failed", "cancelled"] as const;

export interface DispatchSummary {
  configured: boolean;
  dir: string;
  db?: string;
  reason?: string;
  tasks?: Record<string, number>;
  nodes?: Array<{ name: string; state: string; updatedAt: string }>;
  error?: string;
  /** While a backup runs: the counts (and node states) are a kept reading, not read now. */
  stale?: true;
  /** When that kept reading was taken (ISO 8601 UTC); absent when none was recent enough. */
  countsAsOf?: string;
}

/** What is read from the database itself: counts and node states, or why there are none. */
export type DispatchCounts = { reason: string } | { tasks: Record<string, number>; nodes?: Array<{ name: string; state: string; updatedAt: string }> };

/** Counts of tasks by status and dispatch's view of the nodes, straight from the file (any thread). */
export function readDispatchCounts(dbPath: string): DispatchCounts {
  const db = openDispatchReadOnly(dbPath);
  try {
    const tables = tableNames(db);
    if (!tables.has("tasks")) return { reason: "dispatch.db has no tasks table" };
    const tasks: Record<string, number> = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0]));
    for (const row of db.prepare("SELECT status, COUNT(*) AS n FROM tasks GROUP BY status").all() as Array<{ status: string; n: number }>) {
      tasks[row.status] = row.n;
    }
    const nodes = tables.has("nodes")
      ? (db.prepare("SELECT name, state, updated_at AS updatedAt FROM nodes ORDER BY name").all() as Array<{ name: string; state: string; updatedAt: string }>)
      : undefined;
    return { tasks, ...(nodes ? { nodes } : {}) };
  } finally {
    db.close();
  }
}

export interface SummaryOptions {
  /**
   * Read in the SQLite worker instead of on this thread. The count scans the tasks table, which
   * under a busy writer and a long-held snapshot (a backup) took 200-400 ms on the bench's 1 GB
   * database: in the bot that is a stalled event loop (Slack acks, Socket Mode pings), so the bot
   * reads off-thread; the CLI, with nothing else to serve, reads inline and skips the thread's start.
   */
  offThread?: boolean;
}

/** Counts of tasks by status and dispatch's view of the nodes, read from dispatch.db. */
export async function dispatchSummary(config: Config, opts: SummaryOptions = {}): Promise<DispatchSummary> {
  const where = locateDispatch(config);
  if (where.state === "not-configured") return { configured: false, dir: where.dir, reason: where.reason };
  if (where.state === "no-db") return { configured: true, dir: where.dir, db: where.db, reason: "dispatch.db does not exist yet (the guardian's db_schema check creates it)" };
  try {
    const counts = opts.offThread ? await runSqliteJob("dispatchCounts", { path: where.db }) : readDispatchCounts(where.db);
    return { configured: true, dir: where.dir, db: where.db, ...counts };
  } catch (err) {
    return { configured: true, dir: where.dir, db: where.db, error: `cannot read dispatch.db: ${(err as Error).message}` };
  }
}
