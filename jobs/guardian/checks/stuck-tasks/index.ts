import { locateDispatch } from "../../../../src/dispatch/read-db.ts";
import { inspectDispatchSchema } from "../../../../src/dispatch/schema.ts";
import { runSqliteJob } from "../../../../src/dispatch/sqlite-worker-client.ts";
import { toOysterError } from "../../../../src/errors.ts";
import type { CheckResult } from "../../report.ts";
import type { TaskCheck, TaskCheckContext } from "../types.ts";
import { STUCK_CHECK, stuckAlertCheck } from "./describe.ts";
import { judgeStuck, offlineReason, taskKey } from "./judge.ts";
import { projectLimits } from "./project-limits.ts";
import { settleStuck } from "./settle.ts";
import { applyStuckAlerts } from "./stuck-alerts.ts";
import { readTaskLogs } from "./task-log-reader.ts";

const result = (ctx: TaskCheckContext, status: CheckResult["status"], detail: string): CheckResult => ({ check: STUCK_CHECK, node: ctx.only, status, detail });

/**
 * The opt-in sixth check: tasks dispatch.db says are `running` that are not getting anywhere:
 * running longer than maxRunMinutes (the project's own when projects.json sets one), on a node
 * `offline` in dispatch.db for longer than offlineMinutes, or whose task.log on its node has not
 * been written for maxRunMinutes. One alert per task (grouped when many); with
 * `guardian.stuckTasks.requeue`, the offline-node case is put back to pending (settle.ts).
 */
export const stuckTasks: TaskCheck = {
  name: STUCK_CHECK,
  scope: "tasks",
  async run(ctx) {
    const where = locateDispatch(ctx.config);
    if (where.state === "not-configured") return [result(ctx, "skipped", `not configured: ${where.reason}`)];
    if (where.state === "no-db") return [result(ctx, "skipped", "not configured: dispatch.db does not exist yet (db_schema creates it)")];
    if (inspectDispatchSchema(where.db).kind !== "current") return [result(ctx, "skipped", "dispatch.db is not at the contract's schema (db_schema's incident)")];
    let inputs;
    try {
      inputs = await runSqliteJob("stuckInputs", { path: where.db, node: ctx.only });
    } catch (err) {
      const why = toOysterError(err).message;
      ctx.log.warn({ err }, "stuck_tasks could not read dispatch.db");
      return [result(ctx, "failed", `check could not run: cannot read dispatch.db: ${why}`)];
    }
    const st = ctx.config.oyster.guardian.stuckTasks;
    const offline = new Set(inputs.nodes.filter((n) => n.state === "offline").map((n) => n.name));
    const logs = await readTaskLogs(ctx, inputs.running, offline);
    const stuck = judgeStuck({ running: inputs.running, nodes: inputs.nodes, logs, now: ctx.now(), maxRunMinutes: projectLimits(ctx.config, ctx.log), offlineMinutes: st.offlineMinutes });
    const { items, attempts } = await settleStuck(ctx, stuck);
    const seen = { running: new Set(inputs.running.map(stuckAlertCheck)), unread: new Set(inputs.running.filter((t) => logs.get(taskKey(t))?.kind === "unknown").map(stuckAlertCheck)) };
    const alerts = ctx.ev.fix ? await applyStuckAlerts(ctx, items, seen) : new Map<string, { id: string; status: string }>();

    const more = inputs.truncated ? ` (the oldest ${inputs.running.length} read; more are running)` : "";
    if (items.length === 0) return [result(ctx, "passed", `${inputs.running.length} running task(s), none stuck${more}`)];
    return items.map((i): CheckResult => {
      const alert = alerts.get(taskKey(i.stuck.task));
      const fix = offlineReason(i.stuck) ? attempts.get(i.stuck.task.node) : undefined;
      const status = i.outcome === "requeued" ? "fixed" : i.outcome === "gone" ? "passed" : "failed";
      return { check: STUCK_CHECK, node: i.stuck.task.node, status, detail: i.detail, ...(fix ? { fixAttempts: fix } : {}), ...(alert ? { alert } : {}) };
    });
  },
};
