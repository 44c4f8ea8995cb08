import type { Config } from "../../config/index.ts";
import { TASK_STATUSES } from "../../dispatch/summary.ts";
import { locateDispatch, openDispatchReadOnly, tableNames, type DispatchDb } from "../../dispatch/read-db.ts";
import { oneLine, oneLineOrNull } from "../../render/one-line.ts";
import { LIST_LIMIT, type ProjectTasks, type TasksSection } from "../types.ts";

// A task belongs to the window when it was created or finished in it: a task queued two days ago
// that failed an hour ago is today's failure. julianday() rather than string comparison, because
// dispatch may write `2026-11-27 09:00:00` as well as `2026-11-27T09:00:00Z`; unparsable times
// give NULL and the row is left out rather than miscounted.
const IN_WINDOW = `(julianday(created_at) BETWEEN julianday(@since) AND julianday(@until)
  OR (finished_at IS NOT NULL AND julianday(finished_at) BETWEEN julianday(@since) AND julianday(@until)))`;

const emptyCounts = (): Record<string, number> => Object.fromEntries(TASK_STATUSES.map((s) => [s, 0]));

/** dispatch tasks of the last 24 h by status and by project, failures named. Read-only. */
export function gatherTasks(config: Config, since: Date, until: Date): TasksSection {
  const where = locateDispatch(config);
  if (where.state === "not-configured") return { state: "not-configured", reason: where.reason };
  if (where.state === "no-db") return { state: "unavailable", reason: "dispatch.db does not exist yet (the guardian's db_schema check creates it)" };
  let db: DispatchDb | undefined;
  try {
    db = openDispatchReadOnly(where.db);
    if (!tableNames(db).has("tasks")) return { state: "unavailable", reason: "dispatch.db has no tasks table" };
    return readTasks(db, { since: since.toISOString(), until: until.toISOString() });
  } catch (err) {
    return { state: "unavailable", reason: oneLine(`cannot read dispatch.db: ${(err as Error).message}`) };
  } finally {
    db?.close();
  }
}

function readTasks(db: DispatchDb, window: { since: string; until: string }): TasksSection {
  const columns = new Set((db.pragma("table_info(tasks)") as Array<{ name: string }>).map((c) => c.name));
  // The old schema has no `error` column: failures are still named, without their error.
  const errorsRecorded = columns.has("error");
  const groups = db.prepare(`SELECT project, status, COUNT(*) AS n FROM tasks WHERE ${IN_WINDOW} GROUP BY project, status`).all(window) as Array<{ project: string; status: string; n: number }>;

  const byStatus = emptyCounts();
  const projects = new Map<string, ProjectTasks>();
  for (const g of groups) {
    const status = oneLine(String(g.status), 40);
    const name = oneLine(String(g.project), 100);
    const p = projects.get(name) ?? { project: name, total: 0, byStatus: emptyCounts() };
    p.total += g.n;
    p.byStatus[status] = (p.byStatus[status] ?? 0) + g.n;
    projects.set(name, p);
    byStatus[status] = (byStatus[status] ?? 0) + g.n;
  }

  const failures = (db
    .prepare(`SELECT id, project, node, finished_at, ${errorsRecorded ? "error" : "NULL AS error"} FROM tasks
              WHERE status = 'failed' AND ${IN_WINDOW}
              ORDER BY julianday(COALESCE(finished_at, created_at)) DESC, id DESC LIMIT ${LIST_LIMIT}`)
    .all(window) as Array<{ id: number; project: string; node: string | null; finished_at: string | null; error: string | null }>)
    .map((t) => ({
      id: t.id,
      project: oneLine(String(t.project), 100),
      node: oneLineOrNull(t.node, 100),
      finishedAt: isoOrNull(t.finished_at),
      error: oneLineOrNull(t.error),
    }));

  return {
    state: "ok",
    total: groups.reduce((sum, g) => sum + g.n, 0),
    byStatus,
    byProject: [...projects.values()].sort((a, b) => a.project.localeCompare(b.project)),
    failed: byStatus.failed ?? 0,
    failures,
    errorsRecorded,
  };
}

/** dispatch's own time text, normalised to ISO UTC (the contract's JSON times are UTC). */
function isoOrNull(text: string | null): string | null {
  if (text === null) return null;
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
