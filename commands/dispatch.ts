import { z } from "zod";
import { defineCommand } from "../src/command/types.ts";
import { dispatchActionCommand, runDispatchAction, type DispatchAction, type DispatchActionData } from "../src/restart/dispatch-action.ts";
import { exitText, outputs } from "../src/restart/format.ts";
import { dispatchDir } from "../src/restart/index.ts";
import { tailBlocks } from "../src/troubleshoot/tail-blocks.ts";
import { requireProject } from "../src/config/require-project.ts";
import { OysterError } from "../src/errors.ts";

interface DispatchArgs {
  action: DispatchAction;
  project: string | null;
}

const ACTIONS = ["status", "start", "stop"] as const;

const schema = z
  .object({ _: z.array(z.string()) })
  .superRefine((a, ctx) => {
    const [action, project, ...rest] = a._;
    if (!ACTIONS.includes(action as DispatchAction)) ctx.addIssue({ code: "custom", path: ["_", 0], message: "give one of status, start, stop" });
    else if (action !== "status" && project === undefined) ctx.addIssue({ code: "custom", path: ["_", 1], message: `give the project to ${action}` });
    if (rest.length > 0) ctx.addIssue({ code: "custom", path: ["_", 2], message: "one project at most" });
  })
  .transform((a): DispatchArgs => ({ action: a._[0] as DispatchAction, project: a._[1] ?? null }));

export const dispatch = defineCommand({
  name: "dispatch",
  summary: "dispatch's own status, start and stop for a project, run in dispatch.dir on the controller (restart dispatch does both); status takes a project when dispatch.statusCommand has {project}",
  usage: "dispatch status [project] | start <project> | stop <project> [--yes] [--json]",
  schema,
  // Even status runs a shell command on the controller and shows what dispatch prints.
  role: "operator",
  changesState: (a: DispatchArgs) => a.action !== "status",
  // Unknown projects fail here (exit 2, listing the known ones) before any plan or command.
  validate(ctx, args) {
    if (args.project !== null) requireProject(ctx.config.projects.map((p) => p.name), args.project);
    // A project the command would drop is refused, not silently shown every project's status.
    if (args.action === "status" && args.project !== null && !ctx.config.oyster.dispatch.statusCommand.includes("{project}")) {
      throw new OysterError("UsageError", `dispatch.statusCommand (${ctx.config.oyster.dispatch.statusCommand}) takes no project: run "oyster dispatch status" for every project, or put {project} in dispatch.statusCommand`);
    }
  },
  async plan(ctx, args) {
    const command = dispatchActionCommand(ctx.config, args.action, args.project);
    return { summary: `${args.action} dispatch for ${args.project}`, steps: [`run in ${dispatchDir(ctx.config)} on the controller: ${command}`] };
  },
  async run(ctx, args) {
    const data = await runDispatchAction({ config: ctx.config, env: ctx.env }, args.action, args.project);
    if (args.action !== "status") ctx.log[data.ok ? "info" : "warn"]({ action: args.action, project: args.project, code: data.step.code }, `dispatch ${args.action}`);
    return { ok: data.ok, data };
  },
  // Slack: the end of the output that fits, with how many lines were cut and the CLI command.
  blocks(d: DispatchActionData) {
    const [head, ...rest] = dispatchText(d).split("\n");
    return tailBlocks(head!, rest, `oyster dispatch ${d.action}${d.project ? ` ${d.project}` : ""} --json`);
  },
  text: (d: DispatchActionData) => dispatchText(d),
});

function dispatchText(d: DispatchActionData): string {
  const what = `dispatch ${d.action}${d.project ? ` ${d.project}` : ""} in ${d.dir}: ${d.ok ? "ok" : "FAILED"}`;
  const lines = [what, `$ ${d.step.command} -> ${exitText(d.step)} (${Math.round(d.step.durationMs)} ms)`, ...outputs(d.step)];
  if (d.step.stdout.trim() === "" && d.step.stderr.trim() === "") lines.push("  (no output)");
  return lines.join("\n");
}
