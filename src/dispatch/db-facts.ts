import { openDispatchReadOnly, tableNames } from "./read-db.ts";
import { TASK_STATUSES } from "./summary.ts";

/** A task dispatch has marked running, with how long it has been at it. */
export interface RunningTask {
  id: number;
  project: string;
  node: string | null;
  startedAt: string | null;
  /** Since started_at (created_at when dispatch left that empty); null when neither parses. */
  ageSeconds: number | null;
}

/** What dispatch.db says about itself, read through a read-only connection. */
export interface DbFacts {
  journalMode: string;
  /** This reading connection's: busy_timeout is per connection, dispatch.py sets its own. */
  busyTimeoutMs: number;
  pageSize: number;
  pageCount: number;
  freePages: number;
  /** null when there is no tasks table (a database the guardian has not created yet). */
  tasks: Record<string, number> | null;
  runningTotal: number;
  /** Oldest first, at most `RUNNING_SHOWN`. */
  running: RunningTask[];
}

export const RUNNING_SHOWN = 50;

const ageOf = (at: string | null, now: number) => {
  const t = at === null ? NaN : Date.parse(at);
  return Number.isNaN(t) ? null : Math.max(0, Math.round((now - t) / 1000));
};

/** Reads only: PRAGMAs that report, counts, and the running tasks. Safe in the SQLite worker. */
export function readDbFacts(path: string, nowIso: string): DbFacts {
  const db = openDispatchReadOnly(path);
  try {
    const pragma = (name: string) => db.pragma(name, { simple: true }) as number | string;
    const base = {
      journalMode: String(pragma("journal_mode")),
      busyTimeoutMs: Number(pragma("busy_timeout")),
      pageSize: Number(pragma("page_size")),
      pageCount: Number(pragma("page_count")),
      freePages: Number(pragma("freelist_count")),
    };
    if (!tableNames(db).has("tasks")) return { ...base, tasks: null, runningTotal: 0, running: [] };
    const tasks: Record<string, number> = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0]));
    for (const r of db.prepare("SELECT status, COUNT(*) AS n FROM tasks GROUP BY status").all() as Array<{ status: string; n: number }>) tasks[r.status] = r.n;
    const now = Date.parse(nowIso);
    const rows = db
      .prepare(
        `SELECT id, project, node, started_at AS startedAt, COALESCE(started_at, created_at) AS since
         FROM tasks WHERE status = 'running' ORDER BY since ASC, id ASC LIMIT ?`,
      )
      .all(RUNNING_SHOWN) as Array<{ id: number; project: string; node: string | null; startedAt: string | null; since: string | null }>;
    const running = rows.map(({ since, ...r }) => ({ ...r, ageSeconds: ageOf(since, now) }));
    return { ...base, tasks, runningTotal: tasks.running ?? 0, running };
  } finally {
    db.close();
  }
}
