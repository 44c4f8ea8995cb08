import { join } from "node:path";
import { dbBytes, checkSpace } from "../../../../src/backup/free-space.ts";
import { formatBytes } from "../../../../src/backup/format.ts";
import { SnapshotLedger } from "../../../../src/backup/snapshot-ledger.ts";
import { snapshotFileName } from "../../../../src/backup/snapshot-name.ts";
import { requeueTasks, type RequeueOutcome } from "../../../../src/dispatch/requeue-tasks.ts";
import { snapshotDb } from "../../../../src/dispatch/snapshot.ts";
import { OysterError, toOysterError } from "../../../../src/errors.ts";
import { ensurePrivateDir } from "../../../../src/files/private.ts";
import type { TaskCheckContext } from "../types.ts";

/** How long a requeue waits for a backup or restore in progress (they share its lock). */
export const WAIT_FOR_BACKUP_MS = 30_000;

/** One offline node's stuck tasks, as detected: what the fix may put back to pending. */
export interface NodeRequeue {
  node: string;
  offlineSince: string;
  tasks: ReadonlyArray<{ project: string; id: number }>;
}

export type NodeRequeueResult = { ok: true; snapshot: string; outcomes: RequeueOutcome[] } | { ok: false; error: string };

/**
 * The fix of the offline-node case, for every node of this run that may still have one: under
 * the backup job's lock (a backup's sweep or a restore must not run between the copy and the
 * write), one verified snapshot of dispatch.db first (snapshotDb, in the SQLite worker; recorded
 * like restore's safety copy, so `backups` lists it, `restore` takes it, retention prunes it),
 * then per node one transaction (requeueTasks), each task audited as the guardian's act. No
 * snapshot, no write: a failed copy fails every node's fix.
 */
export async function requeueStuck(ctx: TaskCheckContext, plans: readonly NodeRequeue[]): Promise<Map<string, NodeRequeueResult>> {
  const results = new Map<string, NodeRequeueResult>();
  if (plans.length === 0) return results;
  const dbPath = ctx.config.oyster.dispatch.db;
  try {
    await ctx.store.withLock("job:backup", { label: "guardian", waitMs: WAIT_FOR_BACKUP_MS }, async () => {
      const snapshot = await safetySnapshot(ctx, dbPath);
      for (const plan of plans) {
        try {
          results.set(plan.node, { ok: true, snapshot, outcomes: await requeueAudited(ctx, dbPath, plan, snapshot) });
        } catch (err) {
          results.set(plan.node, { ok: false, error: toOysterError(err).message });
        }
      }
    });
  } catch (err) {
    const error = toOysterError(err).message;
    for (const plan of plans) if (!results.has(plan.node)) results.set(plan.node, { ok: false, error });
  }
  return results;
}

async function safetySnapshot(ctx: TaskCheckContext, dbPath: string): Promise<string> {
  const dir = join(ctx.dataDir, "snapshots");
  ensurePrivateDir(dir);
  const bytes = dbBytes(dbPath);
  const space = checkSpace([{ dir, bytes, what: `the snapshot before requeueing (${formatBytes(bytes)})` }]);
  if (!space.ok) throw new OysterError("CommandFailed", `no snapshot, so nothing requeued: ${space.message}`, { dir });
  const ledger = new SnapshotLedger(ctx.store);
  const at = ctx.now();
  const file = snapshotFileName(dir, "safety", at, (f) => ledger.has(f));
  const snap = await snapshotDb(dbPath, join(dir, file));
  ledger.record({ file, kind: "safety", takenAt: at.toISOString(), bytes: snap.bytes, sha256: snap.sha256, rows: snap.rows, verdict: "ok", durationMs: snap.durationMs });
  ctx.log.info({ file, bytes: snap.bytes }, "dispatch.db snapshot taken before requeueing stuck tasks");
  return file;
}

/** Audit rows are started before the write, so a crash mid-write still leaves who meant to do what. */
async function requeueAudited(ctx: TaskCheckContext, dbPath: string, plan: NodeRequeue, snapshot: string): Promise<RequeueOutcome[]> {
  const started = performance.now();
  const rows = plan.tasks.map((t) => ctx.store.audit.start({ who: "guardian", via: "job", command: "requeue-task", args: { project: t.project, id: t.id, node: plan.node, snapshot }, decision: "allowed" }));
  let outcomes: RequeueOutcome[];
  try {
    outcomes = await requeueTasks(dbPath, { node: plan.node, offlineSince: plan.offlineSince, tasks: plan.tasks });
  } catch (err) {
    for (const id of rows) ctx.store.audit.finish(id, "failed", performance.now() - started, toOysterError(err).message);
    throw err;
  }
  outcomes.forEach((o, i) => {
    ctx.store.audit.finish(rows[i]!, o.requeued ? "ok" : "failed", performance.now() - started, o.requeued ? undefined : `not requeued: ${o.now}`);
    if (o.requeued) ctx.log.warn({ project: o.project, id: o.id, node: plan.node, attempts: o.attempts }, "stuck task requeued");
  });
  return outcomes;
}
