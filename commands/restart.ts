import { z } from "zod";
import { defineCommand, type CommandContext } from "../src/command/types.ts";
import {
  formatRestart, formatRoll, isRollArgs, parseRestartWords, resolveTarget, restartDispatch, restartPlan, restartUnit, rollEntry, rollPlan, rollRestart,
  type RestartArgs, type RestartData, type RollArgs, type RollData,
} from "../src/restart/index.ts";
import { restartGuardian } from "../src/restart/restart-guardian.ts";
import { progressFor } from "../src/progress/for-context.ts";

// Positionals are shaped by hand rather than by a union of tuples: a union reports "invalid
// input" for the whole, where the operator needs to hear which word is wrong and why.
const schema = z
  .object({ _: z.array(z.string()), all: z.boolean().optional(), tag: z.string().optional(), parallel: z.string().optional() })
  .transform((a, ctx): RestartArgs => {
    const parsed = parseRestartWords(a._, { all: a.all, tag: a.tag, parallel: a.parallel });
    if ("args" in parsed) return parsed.args;
    for (const p of parsed.problems) ctx.addIssue({ code: "custom", message: p.message, path: p.flag ? [p.flag] : p.index === undefined ? ["_"] : ["_", p.index] });
    return z.NEVER;
  });

const lookup = (ctx: CommandContext) => (n: string) => ctx.ssh.target(n);

// One audit row for the whole roll (execute writes it): its args name every node, its outcome is
// "failed" when any node failed. Each node's own outcome is in the result and in the log.
async function runRoll(ctx: CommandContext, args: RollArgs): Promise<RollData> {
  const roll = resolveTarget(ctx.config, lookup(ctx), args);
  const nodes = await rollRestart(ctx.ssh, roll.nodes, {
    parallel: roll.parallel,
    progress: progressFor(ctx),
    onSettled: (e) => {
      if (e.status === "ok") ctx.log.info({ node: e.node, unit: e.unit, after: e.after }, "restarted");
      else ctx.log.warn({ node: e.node, unit: e.unit, after: e.after, error: e.error }, "restart failed");
    },
  });
  const { kind, all, tag, unit } = roll;
  const ok = nodes.every((e) => e.status === "ok");
  if (!ok) ctx.log.warn({ untouched: nodes.filter((e) => e.status === "untouched").map((e) => e.node) }, "roll stopped");
  return { target: { kind, ...(all ? { all } : {}), ...(tag !== undefined ? { tag } : {}), ...(unit !== undefined ? { unit } : {}) }, parallel: roll.parallel, nodes, ok };
}

export const restart = defineCommand({
  name: "restart",
  summary: "Restart the bot's guardian job (config reloaded), dispatch for a project (on the controller), or the daemon, the watcher or a listed service on one node or, node by node, on several",
  // Kept short: help pads every usage to the longest one. The README spells each form out.
  usage: "restart dispatch <project> | guardian | daemon|watcher <nodes> | service <nodes> <unit> (nodes: node...|--all|--tag T) [--parallel N]",
  examples: ["restart daemon node-1", "restart watcher --all --parallel 2", "restart service node-1 node-2 agent-daemon", "restart dispatch myproject", "restart guardian"],
  options: {
    all: { type: "boolean", description: "daemon, watcher, service: every node in nodes.json, one after another" },
    tag: { type: "string", description: "daemon, watcher, service: the nodes with this tag in nodes.json" },
    parallel: { type: "string", description: "how many nodes restart at once (default 1); the first failure stops the roll" },
  },
  schema,
  role: "operator",
  changesState: true,
  // Unknown names fail here (exit 2, listing the valid ones) before any plan, prompt or command.
  // A roll's nodes are settled here once, so the plan, the run and the audit row name the same list.
  validate(ctx, args) {
    if (!isRollArgs(args)) return void resolveTarget(ctx.config, lookup(ctx), args);
    args.nodes = resolveTarget(ctx.config, lookup(ctx), args).nodes.map((t) => t.node);
  },
  async plan(ctx, args) {
    if (isRollArgs(args)) return rollPlan(ctx.ssh, resolveTarget(ctx.config, lookup(ctx), args));
    return restartPlan(ctx, resolveTarget(ctx.config, lookup(ctx), args));
  },
  async run(ctx, args): Promise<{ ok: boolean; data: RestartData | RollData }> {
    if (isRollArgs(args)) {
      const data = await runRoll(ctx, args);
      return { ok: data.ok, data };
    }
    const target = resolveTarget(ctx.config, lookup(ctx), args);
    const data: RestartData =
      target.kind === "guardian" ? await restartGuardian(ctx)
      : target.kind === "dispatch" ? await restartDispatch(ctx, target)
      : await restartUnit(ctx.ssh, target);
    if (data.ok) ctx.log.info({ target, after: data.after }, "restarted");
    else ctx.log.warn({ target, codes: data.steps.map((s) => s.code), after: data.after }, "restart failed");
    if ("unit" in target) data.nodes = [rollEntry({ ...data, target })];
    return { ok: data.ok, data };
  },
  text(data: RestartData | RollData) {
    return "parallel" in data ? formatRoll(data) : formatRestart(data);
  },
});
