import { join } from "node:path";
import { defineCommand, type CommandContext } from "../src/command/types.ts";
import { locateDispatch } from "../src/dispatch/read-db.ts";
import { OysterError } from "../src/errors.ts";
import { logsCommandLine, LOGS_USAGE, logsSchema, type LogsArgs } from "../src/troubleshoot/logs-args.ts";
import { logViewText, logViewTitle, type LogView } from "../src/troubleshoot/log-view.ts";
import { LEVELS, renderLogLine } from "../src/troubleshoot/render-log-line.ts";
import { openTaskLog } from "../src/troubleshoot/open-task-log.ts";
import { tailBlocks } from "../src/troubleshoot/tail-blocks.ts";
import { tailFile, tailOpen, TAIL_LINES } from "../src/troubleshoot/tail-file.ts";

/** Oyster never creates dispatch.dir: without it there is no dispatch log to show. */
function dispatchDir(ctx: CommandContext): string {
  const where = locateDispatch(ctx.config);
  if (where.state === "not-configured") throw new OysterError("NotConfigured", `not configured: ${where.reason}`, { dir: where.dir });
  return where.dir;
}

async function view(ctx: CommandContext, args: LogsArgs): Promise<LogView> {
  const command = logsCommandLine(args);
  if (args.source === "oyster") {
    const filter = { ...(args.level ? { minLevel: LEVELS[args.level] } : {}), ...(args.job ? { job: args.job } : {}) };
    const path = join(ctx.dataDir, "logs", "oyster.log");
    const tail = await tailFile(path, { lines: args.lines, keep: (line) => renderLogLine(line, filter) });
    return { source: "oyster", requested: args.lines, ...tail, command, ...(args.level || args.job ? { filter: { level: args.level, job: args.job } } : {}) };
  }
  const dir = dispatchDir(ctx);
  // A task.log is opened only inside its own task dir, as a plain file (open-task-log.ts).
  const tail =
    args.source === "task"
      ? await tailOpen(await openTaskLog({ dispatchDir: dir, projects: ctx.config.projects.map((p) => p.name), project: args.project, taskId: args.taskId }), { lines: args.lines })
      : await tailFile(join(dir, "dispatch.log"), { lines: args.lines });
  return { source: args.source, requested: args.lines, ...tail, command };
}

/**
 * The runbook's `tail dispatch.log`, `tail infra-guardian.log` and `cat <task>/task.log`. The lines
 * are the result's data, so the one scrubber in invoke.ts takes secrets out of them on every path
 * (text, --json, Slack).
 */
export const logs = defineCommand({
  name: "logs",
  summary: "The end of dispatch.log, Oyster's own log (readable, filtered by level and job), or a task's task.log",
  usage: LOGS_USAGE,
  options: {
    lines: { type: "string", description: `how many lines from the end (${TAIL_LINES.min}-${TAIL_LINES.max}; default 100, task 200)` },
    level: { type: "string", description: "oyster: the least level shown (trace, debug, info, warn, error, fatal)" },
    job: { type: "string", description: "oyster: only lines of this job's runs (e.g. guardian)" },
  },
  schema: logsSchema,
  // Task prompts, agent transcripts and Oyster's own log: what runs on the nodes is an operator's.
  role: "operator",
  changesState: false,
  async run(ctx, args): Promise<{ ok: boolean; data: LogView }> {
    return { ok: true, data: await view(ctx, args) };
  },
  text: logViewText,
  blocks: (data: LogView) => tailBlocks(logViewTitle(data), data.lines, data.command),
});
