import type { AlertAction } from "../../../../src/alerts/types.ts";
import { rearmAction } from "../../alert-actions.ts";
import type { TaskCheckContext } from "../types.ts";
import { stuckDetail } from "./describe.ts";
import { offlineReason, taskKey, type StuckTask } from "./judge.ts";
import { requeueStuck, type NodeRequeue } from "./requeue.ts";
import type { StuckItem } from "./stuck-alerts.ts";

/** What the fix made of each task: a note for its detail, and whether it is still stuck. */
interface FixNote {
  note: string;
  outcome: StuckItem["outcome"];
}

export interface Settled {
  items: StuckItem[];
  /** Per node (null: tasks with no node): fix attempts made / allowed, where a fix was in question. */
  attempts: Map<string | null, { made: number; max: number }>;
}

/**
 * The offline-node case's fix (requeue), under the fix-attempt ledger like every guardian fix:
 * one incident per node (`stuck_tasks`, node), one attempt putting all its offline-stuck tasks
 * back, so `check stuck_tasks --node N` (the alert's button) and `check --rearm stuck_tasks
 * --node N` act on exactly that. Not during a storm (the controller's view of the fleet is
 * suspect), never when requeue is off, never for the other cases. The ledger records every node
 * of the run: failing while any of its tasks stays stuck, passing otherwise.
 */
export async function settleStuck(ctx: TaskCheckContext, stuck: readonly StuckTask[]): Promise<Settled> {
  const { ev } = ctx;
  const st = ctx.config.oyster.guardian.stuckTasks;
  const max = ev.maxFixAttempts;
  const notes = new Map<string, FixNote>();
  const attempts = new Map<string | null, { made: number; max: number }>();
  const byNode = new Map<string | null, StuckTask[]>();
  for (const s of stuck) byNode.set(s.task.node, [...(byNode.get(s.task.node) ?? []), s]);

  const plans: NodeRequeue[] = [];
  for (const [node, tasks] of byNode) {
    const offline = tasks.filter((s) => offlineReason(s));
    if (node === null || offline.length === 0 || !ev.fix) continue;
    const held = (note: string) => offline.forEach((s) => notes.set(taskKey(s.task), { note, outcome: "stuck" }));
    if (!st.requeue) {
      held("not requeued: guardian.stuckTasks.requeue is off");
      continue;
    }
    const made = ev.ledger.get("stuck_tasks", node)?.fixAttempts ?? 0;
    attempts.set(node, { made, max });
    if (ev.storm) held("no requeue during a storm");
    else if (max === 0) held("auto-fix is off (max_fix_attempts 0)");
    else if (made >= max) held(`auto-fix stopped for this incident after ${made} failed attempt(s)`);
    else {
      attempts.set(node, { made: ev.ledger.countFixAttempt("stuck_tasks", node), max });
      plans.push({ node, offlineSince: offlineReason(offline[0]!)!.since, tasks: offline.map((s) => ({ project: s.task.project, id: s.task.id })) });
    }
  }

  const done = await requeueStuck(ctx, plans);
  for (const plan of plans) {
    const r = done.get(plan.node)!;
    const made = attempts.get(plan.node)!.made;
    if (!r.ok) {
      const stop = made >= max ? "; auto-fix stopped for this incident" : "";
      for (const t of plan.tasks) notes.set(taskKey(t), { note: `fix attempt ${made} of ${max} failed: ${r.error}${stop}`, outcome: "stuck" });
      ev.ledger.recordFixOutcome("stuck_tasks", plan.node, false, r.error);
      continue;
    }
    for (const o of r.outcomes) {
      if (o.requeued) notes.set(taskKey(o), { note: `requeued: pending again (attempts ${o.attempts}); snapshot ${r.snapshot} first`, outcome: "requeued" });
      else notes.set(taskKey(o), { note: `not requeued: ${o.now}`, outcome: o.nodeChanged ? "stuck" : "gone" });
    }
    const requeued = r.outcomes.filter((o) => o.requeued).map(taskKey);
    ev.ledger.recordFixOutcome("stuck_tasks", plan.node, true, requeued.length ? `requeued ${requeued.join(", ")} (snapshot ${r.snapshot})` : "nothing requeued: no longer running there");
  }

  const items = stuck.map((s): StuckItem => {
    const n = notes.get(taskKey(s.task));
    const detail = n ? `${stuckDetail(s)}; ${n.note}` : stuckDetail(s);
    const outcome = n?.outcome ?? "stuck";
    return { stuck: s, detail, outcome, actions: outcome === "stuck" ? actionsFor(ctx, s, attempts.get(s.task.node)) : showLogs(ctx, s), attempts: attempts.get(s.task.node)?.made ?? 0 };
  });
  if (ev.fix) recordLedger(ctx, items, new Set(plans.filter((p) => done.get(p.node)?.ok).map((p) => p.node)));
  return { items, attempts };
}

function recordLedger(ctx: TaskCheckContext, items: readonly StuckItem[], fixed: ReadonlySet<string>): void {
  const still = new Map<string | null, string[]>();
  for (const i of items) if (i.outcome === "stuck") still.set(i.stuck.task.node, [...(still.get(i.stuck.task.node) ?? []), i.detail]);
  const nodes = new Set<string | null>([...(ctx.only ? [ctx.only] : ctx.nodes), ...items.map((i) => i.stuck.task.node)]);
  for (const node of nodes) {
    const details = still.get(node);
    if (details) ctx.ev.ledger.recordFailure("stuck_tasks", node, details.join(" | "));
    else if (node !== null && fixed.has(node)) ctx.ev.ledger.recordFixed("stuck_tasks", node, "stuck tasks requeued");
    else ctx.ev.ledger.recordPass("stuck_tasks", node, "no task stuck");
  }
}

/** "Show logs" only where `logs task` can answer: the project is one projects.json lists. */
function showLogs(ctx: TaskCheckContext, s: StuckTask): AlertAction[] {
  if (!ctx.config.projects.some((p) => p.name === s.task.project)) return [];
  return [{ label: "Show logs", argv: ["logs", "task", s.task.project, String(s.task.id)], private: true }];
}

/**
 * The buttons on a stuck task's alert. "Requeue task" runs the check with its fix on that node,
 * the one path that writes dispatch.db for this; it fits only the offline-node case with requeue
 * on. Once the node's fix budget is spent, re-arming it is what lets that button act again.
 */
function actionsFor(ctx: TaskCheckContext, s: StuckTask, fix: { made: number; max: number } | undefined): AlertAction[] {
  const node = s.task.node;
  const out = showLogs(ctx, s);
  // With max_fix_attempts 0 the check never requeues, so a button that runs it would do nothing.
  if (!node || !offlineReason(s) || !ctx.config.oyster.guardian.stuckTasks.requeue || ctx.ev.maxFixAttempts === 0 || !ctx.ssh.nodeNames.includes(node)) return out;
  out.push({ label: "Requeue task", argv: ["check", "stuck_tasks", "--node", node] });
  if (fix && fix.max > 0 && fix.made >= fix.max) out.push(rearmAction("stuck_tasks", node));
  return out;
}
