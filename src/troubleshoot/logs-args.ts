import { z } from "zod";
import { LEVELS, type LevelName } from "./render-log-line.ts";
import { TAIL_LINES } from "./tail-file.ts";

export type LogsArgs =
  | { source: "dispatch"; lines: number }
  | { source: "oyster"; lines: number; level: LevelName | null; job: string | null; follow: boolean }
  | { source: "task"; lines: number; project: string; taskId: string };

export const LOGS_USAGE = "logs dispatch [--lines 100] | oyster [--lines 100] [--level warn] [--job guardian] [--follow] | task <project> <task-id> [--lines 200]";

const SOURCES = ["dispatch", "oyster", "task"] as const;
const DEFAULT_LINES = { dispatch: 100, oyster: 100, task: 200 } as const;
const LEVEL_NAMES = Object.keys(LEVELS) as LevelName[];
const wholeNumber = z.string().regex(/^\d+$/, { message: "a whole number" }).transform(Number);

/**
 * Words and flags of `logs`; which flag goes with which source is checked here too. `--job` is
 * one of `jobNames` (the scheduler's registry, passed in by the command): any other word would
 * quietly match no line.
 */
export const logsSchema = (jobNames: readonly string[]) => z
  .object({
    _: z.array(z.string()),
    lines: wholeNumber.optional(),
    level: z.string().optional(),
    job: z.string().min(1).optional(),
    follow: z.boolean().optional(),
  })
  .superRefine((a, ctx) => {
    const sub = a._[0];
    if (sub === undefined) ctx.addIssue({ code: "custom", path: ["_"], message: "which log? one of dispatch, oyster, task" });
    else if (!(SOURCES as readonly string[]).includes(sub)) ctx.addIssue({ code: "custom", path: ["_", 0], message: "not a log; one of dispatch, oyster, task" });
    const want = sub === "task" ? 3 : 1;
    if (sub !== undefined && a._.length !== want) {
      ctx.addIssue({ code: "custom", path: ["_"], message: sub === "task" ? "logs task takes <project> <task-id>" : `logs ${sub} takes no further words` });
    }
    if (sub !== "oyster" && a.level !== undefined) ctx.addIssue({ code: "custom", path: ["level"], message: "goes with `logs oyster`" });
    if (sub !== "oyster" && a.job !== undefined) ctx.addIssue({ code: "custom", path: ["job"], message: "goes with `logs oyster`" });
    // dispatch.log and task logs are the nodes' and dispatch's to rotate, on their own terms.
    if (sub !== "oyster" && a.follow !== undefined) ctx.addIssue({ code: "custom", path: ["follow"], message: "goes with `logs oyster`" });
    if (a.job !== undefined && !jobNames.includes(a.job)) ctx.addIssue({ code: "custom", path: ["job"], message: `not a job; one of ${jobNames.join(", ")}` });
    if (a.level !== undefined && !(LEVEL_NAMES as string[]).includes(a.level)) ctx.addIssue({ code: "custom", path: ["level"], message: `one of ${LEVEL_NAMES.join(", ")}` });
    const { min, max } = TAIL_LINES;
    if (a.lines !== undefined && (a.lines < min || a.lines > max)) ctx.addIssue({ code: "custom", path: ["lines"], message: `from ${min} to ${max}` });
  })
  .transform((a): LogsArgs => {
    const source = a._[0] as (typeof SOURCES)[number];
    const lines = a.lines ?? DEFAULT_LINES[source];
    if (source === "oyster") return { source, lines, level: (a.level as LevelName | undefined) ?? null, job: a.job ?? null, follow: a.follow === true };
    if (source === "task") return { source, lines, project: a._[1]!, taskId: a._[2]! };
    return { source, lines };
  });

/** The CLI line that shows the whole answer (Slack's cut note points there). */
export function logsCommandLine(a: LogsArgs): string {
  const lines = `--lines ${a.lines}`;
  if (a.source === "task") return `oyster logs task ${a.project} ${a.taskId} ${lines}`;
  if (a.source === "oyster") return `oyster logs oyster ${lines}${a.level ? ` --level ${a.level}` : ""}${a.job ? ` --job ${a.job}` : ""}`;
  return `oyster logs dispatch ${lines}`;
}
