import type { Config } from "../config/index.ts";
import { locateDispatch, openDispatchReadOnly, tableNames } from "./read-db.ts";

export const TASK_STATUSES = ["pending", "running", "done", "failed", "cancelled"] as const;

export interface DispatchSummary {
  configured: boolean;
  dir: string;
  db?: string;
  reason?: string;
  tasks?: Record<string, number>;
  nodes?: Array<{ name: string; state: string; updatedAt: string }>;
  error?: string;
}

/** Counts of tasks by status and dispatch's view of the nodes, read from dispatch.db. */
export function dispatchSummary(config: Config): DispatchSummary {
  const where = locateDispatch(config);
  if (where.state === "not-configured") return { configured: false, dir: where.dir, reason: where.reason };
  if (where.state === "no-db") return { configured: true, dir: where.dir, db: where.db, reason: "dispatch.db does not exist yet (the guardian's db_schema check creates it)" };
  let db;
  try {
    db = openDispatchReadOnly(where.db);
    const tables = tableNames(db);
    if (!tables.has("tasks")) return { configured: true, dir: where.dir, db: where.db, reason: "dispatch.db has no tasks table" };
    const tasks: Record<string, number> = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0]));
    for (const row of db.prepare("SELECT status, COUNT(*) AS n FROM tasks GROUP BY status").all() as Array<{ status: string; n: number }>) {
      tasks[row.status] = row.n;
    }
    const nodes = tables.has("nodes")
      ? (db.prepare("SELECT name, state, updated_at AS updatedAt FROM nodes ORDER BY name").all() as DispatchSummary["nodes"])
      : undefined;
    return { configured: true, dir: where.dir, db: where.db, tasks, ...(nodes ? { nodes } : {}) };
  } catch (err) {
    return { configured: true, dir: where.dir, db: where.db, error: `cannot read dispatch.db: ${(err as Error).message}` };
  } finally {
    db?.close();
  }
}
