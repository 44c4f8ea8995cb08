import { openDispatchReadOnly, tableNames } from "../dispatch/read-db.ts";

export interface RunningTasks {
  count: number;
  /** The first few ids, for the refusal message. */
  ids: number[];
}

/** dispatch's tasks with `status = 'running'`: restoring under them would forget they were started. */
export function runningTasks(dbPath: string): RunningTasks {
  const db = openDispatchReadOnly(dbPath);
  try {
    if (!tableNames(db).has("tasks")) return { count: 0, ids: [] };
    const count = db.prepare("SELECT COUNT(*) FROM tasks WHERE status = 'running'").pluck().get() as number;
    const ids = db.prepare("SELECT id FROM tasks WHERE status = 'running' ORDER BY id LIMIT 5").pluck().all() as number[];
    return { count, ids };
  } finally {
    db.close();
  }
}
