import type { Alert, AlertAction } from "../../../../src/alerts/types.ts";
import type { TaskCheckContext } from "../types.ts";
import { groupedDetail, isStuckAlertCheck, STUCK_CHECK, stuckAlertCheck, stuckMessage } from "./describe.ts";
import { taskKey, type StuckTask } from "./judge.ts";

/** More stuck tasks than this in one run are one grouped alert, not a message each. */
export const GROUP_OVER = 5;

/** A task judged stuck this run, after the fix: still stuck, requeued, or gone before the write. */
export interface StuckItem {
  stuck: StuckTask;
  detail: string;
  outcome: "stuck" | "requeued" | "gone";
  actions: AlertAction[];
  /** Fix attempts this incident (the task's node) has had. */
  attempts: number;
}

type AlertRef = { id: string; status: string };

/** Alert checks (stuckAlertCheck) of the tasks still running, and of those whose task.log could not be read this run. */
export interface RunningSeen {
  running: ReadonlySet<string>;
  unread: ReadonlySet<string>;
}

/** `stuck_tasks:web:42` back to `web/42` (the id is the last part: a project name may hold ':'). */
function taskLabel(check: string): string {
  const rest = check.slice(STUCK_CHECK.length + 1);
  const at = rest.lastIndexOf(":");
  return `${rest.slice(0, at)}/${rest.slice(at + 1)}`;
}
const ref = (a: Alert): AlertRef => ({ id: a.id, status: a.status });

/**
 * Raises, updates and resolves stuck_tasks' alerts for one run (fix mode only). At once, not
 * after `alertAfter` runs: every case already waited its own limit (minutes or hours). One alert
 * per task (`stuck_tasks:<project>:<id>`, on the task's node); more than GROUP_OVER at once are
 * one alert (`stuck_tasks`, the run's node or fleet-wide, `nodes` listing theirs), and per-task
 * alerts already open stay as they are meanwhile. A requeued task's alert is raised saying so and
 * resolved in the same breath, so it stays in `alerts --all`; an alert whose task is no longer
 * stuck resolves saying why. Returns the alert each task's result names.
 */
export async function applyStuckAlerts(ctx: TaskCheckContext, items: readonly StuckItem[], seen: RunningSeen): Promise<Map<string, AlertRef>> {
  const book = ctx.ev.alerts;
  const out = new Map<string, AlertRef>();
  const alive = items.filter((i) => i.outcome !== "gone");
  const grouped = alive.length > GROUP_OVER;
  if (grouped) {
    const nodes = [...new Set(alive.map((i) => i.stuck.task.node).filter((n): n is string => n !== null))].sort();
    const message = stuckMessage(ctx.only, groupedDetail(alive.map((i) => i.detail)));
    let alert = await book.raise({ source: "guardian", check: STUCK_CHECK, node: ctx.only, nodes, severity: "warning", message, attempts: Math.max(...alive.map((i) => i.attempts)) });
    if (alive.every((i) => i.outcome === "requeued")) alert = (await book.resolve("guardian", STUCK_CHECK, ctx.only, message)) ?? alert;
    for (const i of alive) out.set(taskKey(i.stuck.task), ref(alert));
  } else {
    const now = alive.length ? `${alive.length} stuck now, alerted one by one` : "no task stuck any more";
    await book.resolve("guardian", STUCK_CHECK, ctx.only, stuckMessage(ctx.only, now));
    for (const i of alive) {
      const check = stuckAlertCheck(i.stuck.task);
      const message = stuckMessage(i.stuck.task.node, i.detail);
      let alert = await book.raise({ source: "guardian", check, node: i.stuck.task.node, severity: "warning", message, attempts: i.attempts, actions: i.actions });
      if (i.outcome === "requeued") alert = (await book.resolve("guardian", check, i.stuck.task.node, message)) ?? alert;
      out.set(taskKey(i.stuck.task), ref(alert));
    }
  }
  // Per-task alerts this run did not settle above: resolved once their task is no longer stuck.
  const byCheck = new Map(items.map((i) => [stuckAlertCheck(i.stuck.task), i]));
  for (const a of book.list("open")) {
    if (a.source !== "guardian" || !isStuckAlertCheck(a.check) || (ctx.only !== null && a.node !== ctx.only)) continue;
    const item = byCheck.get(a.check);
    if (item?.outcome === "stuck") continue;
    // A silent log that could not be read this run (its node unreachable) is not news of progress.
    if (!item && seen.unread.has(a.check)) continue;
    const why = item ? item.detail : `${taskLabel(a.check)} ${seen.running.has(a.check) ? "no longer stuck" : "no longer running there"}`;
    const done = await book.resolve("guardian", a.check, a.node, stuckMessage(a.node, why));
    if (item && done) out.set(taskKey(item.stuck.task), ref(done));
  }
  return out;
}
