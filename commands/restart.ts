import { z } from "zod";
import { defineCommand } from "../src/command/types.ts";
import { formatRestart, parseRestartWords, resolveTarget, restartDispatch, restartPlan, restartUnit, type RestartArgs, type RestartData } from "../src/restart/index.ts";
import { restartGuardian } from "../src/restart/restart-guardian.ts";

// Positionals are shaped by hand rather than by a union of tuples: a union reports "invalid
// input" for the whole, where the operator needs to hear which word is wrong and why.
const schema = z.object({ _: z.array(z.string()) }).transform((a, ctx): RestartArgs => {
  const parsed = parseRestartWords(a._);
  if ("args" in parsed) return parsed.args;
  for (const p of parsed.problems) ctx.addIssue({ code: "custom", message: p.message, path: p.index === undefined ? ["_"] : ["_", p.index] });
  return z.NEVER;
});

export const restart = defineCommand({
  name: "restart",
  summary: "Restart the bot's guardian job (config reloaded), dispatch for a project (on the controller), or the daemon, the watcher or a listed service on a node",
  usage: "restart dispatch <project> | daemon <node> | watcher <node> | service <node> <unit> | guardian [--yes] [--json]",
  schema,
  role: "operator",
  changesState: true,
  // Unknown names fail here (exit 2, listing the valid ones) before any plan, prompt or command.
  validate(ctx, args) {
    resolveTarget(ctx.config, (n) => ctx.ssh.target(n), args);
  },
  async plan(ctx, args) {
    return restartPlan(ctx, resolveTarget(ctx.config, (n) => ctx.ssh.target(n), args));
  },
  async run(ctx, args) {
    const target = resolveTarget(ctx.config, (n) => ctx.ssh.target(n), args);
    const data =
      target.kind === "guardian" ? await restartGuardian(ctx)
      : target.kind === "dispatch" ? await restartDispatch(ctx, target)
      : await restartUnit(ctx.ssh, target);
    if (data.ok) ctx.log.info({ target, after: data.after }, "restarted");
    else ctx.log.warn({ target, codes: data.steps.map((s) => s.code), after: data.after }, "restart failed");
    return { ok: data.ok, data };
  },
  text(data: RestartData) {
    return formatRestart(data);
  },
});
