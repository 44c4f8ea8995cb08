import { existsSync } from "node:fs";
import { OysterError } from "../errors.ts";
import { openSqlite } from "../store/sqlite-driver.ts";
import { beginImmediate } from "./write-lock.ts";

export interface RequeueRequest {
  /** The node the tasks were seen running on, offline in dispatch.db. */
  node: string;
  /** That node's `updated_at` as seen when the tasks were judged stuck. */
  offlineSince: string;
  tasks: ReadonlyArray<{ project: string; id: number }>;
}

export type RequeueOutcome =
  | { project: string; id: number; requeued: true; attempts: number }
  /**
   * `now`: the task's status (and node) when the write came, or "gone" when the row is no more;
   * `nodeChanged`: nothing was written because the node is no longer offline since that time.
   */
  | { project: string; id: number; requeued: false; now: string; nodeChanged: boolean };

/**
 * Puts tasks that were running on an offline node back to `pending`, for dispatch to send
 * elsewhere: node NULL (the contract: "null while pending"), started_at cleared (it has not
 * started again), attempts + 1; error and finished_at are dispatch's and left alone.
 *
 * One IMMEDIATE transaction that re-judges under the write lock: nothing changes unless the node
 * is still `offline` since the very `updated_at` the detection saw (a node that came back, even
 * briefly, may still be running the task), and a row changes only while it is still `running`
 * on that node (a task that finished, failed or moved meanwhile is reported, never requeued).
 */
export async function requeueTasks(dbPath: string, req: RequeueRequest, busyTimeoutMs = 5000): Promise<RequeueOutcome[]> {
  if (!existsSync(dbPath)) throw new OysterError("NotConfigured", `${dbPath} does not exist`);
  const db = openSqlite(dbPath, { fileMustExist: true });
  try {
    await beginImmediate(db, busyTimeoutMs);
    try {
      const state = db.prepare("SELECT state, updated_at AS updatedAt FROM nodes WHERE name = ?").get(req.node) as { state: string; updatedAt: string } | undefined;
      const stillOffline = state?.state === "offline" && state.updatedAt === req.offlineSince;
      const update = db.prepare("UPDATE tasks SET status = 'pending', node = NULL, started_at = NULL, attempts = attempts + 1 WHERE id = ? AND project = ? AND status = 'running' AND node = ?");
      const read = db.prepare("SELECT status, node, attempts FROM tasks WHERE id = ? AND project = ?");
      const out: RequeueOutcome[] = req.tasks.map((t) => {
        const changed = stillOffline && update.run(t.id, t.project, req.node).changes === 1;
        const row = read.get(t.id, t.project) as { status: string; node: string | null; attempts: number } | undefined;
        if (changed && row) return { ...t, requeued: true, attempts: row.attempts };
        if (!stillOffline) return { ...t, requeued: false, nodeChanged: true, now: `${req.node} is ${state ? `${state.state} since ${state.updatedAt}` : "gone from dispatch.db"}` };
        return { ...t, requeued: false, nodeChanged: false, now: row ? `${row.status}${row.node && row.node !== req.node ? ` on ${row.node}` : ""}` : "gone" };
      });
      db.exec("COMMIT");
      return out;
    } finally {
      if (db.inTransaction) db.exec("ROLLBACK");
    }
  } finally {
    db.close();
  }
}
