import type { CommandContext } from "../command/types.ts";
import { translator } from "../locale/index.ts";
import { NO_PROGRESS, type Progress } from "./progress.ts";
import { terminalProgress } from "./terminal-progress.ts";

/**
 * The progress a command's long work reports to: Slack's (the context carries it, see
 * src/slack/listeners), a live line when the CLI's stdout is a terminal (ctx.stdout is there only
 * for text output: never with --json; over oyster.sock its isTTY is the caller's), else none.
 */
export function progressFor(ctx: Pick<CommandContext, "progress" | "stdout" | "config">): Progress {
  if (ctx.progress) return ctx.progress;
  const out = ctx.stdout;
  if (out?.isTTY !== true) return NO_PROGRESS;
  const columns = (out as { columns?: unknown }).columns;
  return terminalProgress(out, translator(ctx.config.oyster.locale), typeof columns === "number" && columns > 0 ? { columns } : {});
}
