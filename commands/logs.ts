import { join } from "node:path";
import { jobs as registry } from "../jobs/index.ts";
import { stopSignal } from "../src/cli/interrupt-signal.ts";
import { quoteWord } from "../src/command/quote-word.ts";
import { defineCommand, type CommandContext } from "../src/command/types.ts";
import { requireProject } from "../src/config/require-project.ts";
import { locateDispatch } from "../src/dispatch/read-db.ts";
import { OysterError } from "../src/errors.ts";
import { secretsFor } from "../src/secrets/index.ts";
import { followLog } from "../src/troubleshoot/follow-log.ts";
import { logsCommandLine, LOGS_USAGE, logsSchema, type LogsArgs } from "../src/troubleshoot/logs-args.ts";
import { logViewText, logViewTitle, type LogView } from "../src/troubleshoot/log-view.ts";
import { LEVELS, renderLogLine } from "../src/troubleshoot/render-log-line.ts";
import { openTaskLog } from "../src/troubleshoot/open-task-log.ts";
import { TASK_ID_RE } from "../src/troubleshoot/safe-task-path.ts";
import { tailBlocks } from "../src/troubleshoot/tail-blocks.ts";
import { tailFile, tailOpen, TAIL_LINES } from "../src/troubleshoot/tail-file.ts";

/** Oyster never creates dispatch.dir: without it there is no dispatch log to show. */
function dispatchDir(ctx: CommandContext): string {
  const where = locateDispatch(ctx.config);
  if (where.state === "not-configured") throw new OysterError("NotConfigured", `not configured: ${where.reason}`, { dir: where.dir });
  return where.dir;
}

/** What `logs oyster --follow` answers once Ctrl-C stops it: the lines went out as they came. */
export interface FollowedLog {
  source: "oyster";
  path: string;
  followed: { newLines: number };
}

type LogsData = LogView | FollowedLog;
const isFollowed = (d: LogsData): d is FollowedLog => "followed" in d;

type OysterArgs = Extract<LogsArgs, { source: "oyster" }>;

const filterOf = (args: OysterArgs) => ({ ...(args.level ? { minLevel: LEVELS[args.level] } : {}), ...(args.job ? { job: args.job } : {}) });
const oysterLog = (ctx: CommandContext) => join(ctx.dataDir, "logs", "oyster.log");

async function follow(ctx: CommandContext, args: OysterArgs): Promise<FollowedLog> {
  const path = oysterLog(ctx);
  const { signal, dispose } = stopSignal(ctx);
  try {
    const secrets = ctx.secrets ?? secretsFor(ctx.env, ctx.config);
    const newLines = await followLog({ path, lines: args.lines, filter: filterOf(args), out: ctx.stdout!, secrets, command: logsCommandLine(args), signal });
    return { source: "oyster", path, followed: { newLines } };
  } finally {
    dispose();
  }
}

async function view(ctx: CommandContext, args: LogsArgs): Promise<LogView> {
  const command = logsCommandLine(args);
  if (args.source === "oyster") {
    const filter = filterOf(args);
    const path = oysterLog(ctx);
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
  examples: ["logs oyster --level warn --job guardian", "logs oyster --follow", "logs dispatch --lines 200", "logs task myproject 42"],
  options: {
    lines: { type: "string", description: `how many lines from the end (${TAIL_LINES.min}-${TAIL_LINES.max}; default 100, task 200)` },
    level: { type: "string", description: "oyster: the least level shown (trace, debug, info, warn, error, fatal)" },
    job: { type: "string", description: "oyster: only lines of this job's runs (e.g. guardian)" },
    follow: { type: "boolean", description: "oyster, CLI only: keep printing new lines, across rotation, until Ctrl-C (like tail -F)" },
  },
  schema: logsSchema(registry.map((j) => j.name)),
  // Task prompts, agent transcripts and Oyster's own log: what runs on the nodes is an operator's.
  role: "operator",
  changesState: false,
  validate(ctx, args) {
    // The names a task log is found by are checked before anything runs (from Slack, before the
    // invocation is audited as run); safeTaskLogPath checks them again where the path is built.
    if (args.source === "task") {
      requireProject(ctx.config.projects.map((p) => p.name), args.project);
      if (!TASK_ID_RE.test(args.taskId) || args.taskId === "." || args.taskId === "..") {
        throw new OysterError("InvalidArgument", `task id ${quoteWord(args.taskId)}: letters, digits, . _ - only (and not . or ..)`, { taskId: args.taskId });
      }
    }
    if (args.source !== "oyster" || !args.follow) return;
    if (ctx.caller.via === "slack") throw new OysterError("UsageError", "logs oyster --follow runs from the CLI only: oyster logs oyster --follow");
    // --json promises exactly one document on stdout; a stream of lines until Ctrl-C is not one.
    if (!ctx.stdout) throw new OysterError("UsageError", "logs oyster --follow prints lines until Ctrl-C: run it without --json");
  },
  async run(ctx, args): Promise<{ ok: boolean; data: LogsData }> {
    if (args.source === "oyster" && args.follow) return { ok: true, data: await follow(ctx, args) };
    return { ok: true, data: await view(ctx, args) };
  },
  text: (data: LogsData) => (isFollowed(data) ? `-- stopped following ${data.path} (${data.followed.newLines} new line${data.followed.newLines === 1 ? "" : "s"})` : logViewText(data)),
  blocks: (data: LogsData) => (isFollowed(data) ? [] : tailBlocks(logViewTitle(data), data.lines, data.command)),
});
