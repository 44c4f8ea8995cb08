import { openDispatchReadOnly, tableNames } from "./read-db.ts";

/** A task dispatch has marked running, as stuck_tasks judges it. */
export interface RunningRow {
  id: number;
  project: string;
  node: string | null;
  startedAt: string | null;
  createdAt: string;
  attempts: number;
}

export interface NodeStateRow {
  name: string;
  state: string;
  updatedAt: string;
}

/** What the guardian's stuck_tasks check reads from dispatch.db in one go. */
export interface StuckInputs {
  running: RunningRow[];
  nodes: NodeStateRow[];
  /** More running tasks than `RUNNING_READ_MAX`: the oldest are judged, the rest wait a run. */
  truncated: boolean;
}

/** Far more than a fleet of agent nodes runs at once; a bound keeps one run's work finite. */
export const RUNNING_READ_MAX = 2000;

/**
 * The running tasks (oldest first, only `node` when given) and every node's state, read-only.
 * `status` has no index, so this scans tasks: on a big dispatch.db that is the bot's event loop
 * stalled for hundreds of ms, which is why the guardian runs it in the SQLite worker.
 */
export function readStuckInputs(path: string, node: string | null): StuckInputs {
  const db = openDispatchReadOnly(path);
  try {
    const tables = tableNames(db);
    if (!tables.has("tasks")) return { running: [], nodes: [], truncated: false };
    const rows = db
      .prepare(
        `SELECT id, project, node, started_at AS startedAt, created_at AS createdAt, attempts FROM tasks
         WHERE status = 'running' AND (? IS NULL OR node = ?) ORDER BY COALESCE(started_at, created_at) ASC, id ASC LIMIT ?`,
      )
      .all(node, node, RUNNING_READ_MAX + 1) as RunningRow[];
    const nodes = tables.has("nodes") ? (db.prepare("SELECT name, state, updated_at AS updatedAt FROM nodes ORDER BY name").all() as NodeStateRow[]) : [];
    return { running: rows.slice(0, RUNNING_READ_MAX), nodes, truncated: rows.length > RUNNING_READ_MAX };
  } finally {
    db.close();
  }
}
