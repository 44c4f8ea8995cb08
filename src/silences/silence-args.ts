import { z } from "zod";
import { durationUpTo, nodeName } from "../command/arg-schemas.ts";
import type { AlertSource } from "../alerts/types.ts";
import { silenceIdArg } from "./silence-id.ts";
import { MATCH_FIELDS, type SilenceMatch } from "./types.ts";

export type SilenceArgs =
  | { action: "add"; match: SilenceMatch; for: string; durationMs: number; reason?: string }
  | { action: "list"; all: boolean }
  | { action: "remove"; id: string };

export const SILENCE_USAGE = "silence add (--node N | --tag T | --check C | --source S)... --for <duration> [--reason TEXT] | list [--all] | remove <id> [--json]";

/** The longest silence: like a snooze, anything longer is a change of config, not maintenance. */
export const MAX_SILENCE_DAYS = 30;

export const SOURCES = ["guardian", "monitor", "backup", "oci", "config"] as const satisfies readonly AlertSource[];

// Check names are `:`-separated (`quota:anthropic:main:5h`); a trailing `:` names the family.
const CHECK_RE = /^[A-Za-z0-9_][^\s:]*(:[^\s:]+)*:?$/;
const TAG_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const list = <T extends z.ZodType<string>>(item: T) => z.array(item).optional();
const duration = durationUpTo(MAX_SILENCE_DAYS);

export const silenceSchema = z
  .object({
    _: z.array(z.string()),
    node: list(nodeName),
    tag: list(z.string().regex(TAG_RE, { message: "not a valid tag (letters, digits, . _ -)" })),
    check: list(z.string().regex(CHECK_RE, { message: "not a check name (like node_availability, or quota for every quota:... check)" })),
    source: list(z.enum(SOURCES, { message: `not an alert source; one of ${SOURCES.join(", ")}` })),
    for: z.string().optional(),
    reason: z.string().optional(),
    all: z.boolean().optional(),
  })
  .superRefine((a, ctx) => {
    const [sub, ...rest] = a._;
    if (sub !== "add" && sub !== "list" && sub !== "remove") {
      ctx.addIssue({ code: "custom", path: ["_", 0], message: "not a subcommand; one of add, list, remove" });
      return;
    }
    const addOnly = [...MATCH_FIELDS, "for", "reason"] as const;
    if (sub !== "add") for (const f of addOnly) if (a[f] !== undefined) ctx.addIssue({ code: "custom", path: [f], message: "goes with `silence add`" });
    if (sub !== "list" && a.all !== undefined) ctx.addIssue({ code: "custom", path: ["all"], message: "goes with `silence list`" });
    if (sub === "remove") {
      if (rest.length !== 1) ctx.addIssue({ code: "custom", path: ["_"], message: "give one silence id, e.g. S3" });
      else if (!silenceIdArg.safeParse(rest[0]).success) ctx.addIssue({ code: "custom", path: ["_", 1], message: "not a silence id (like S3)" });
      return;
    }
    if (rest.length > 0) ctx.addIssue({ code: "custom", path: ["_", 1], message: `\`silence ${sub}\` takes no positional arguments` });
    if (sub !== "add") return;
    if (MATCH_FIELDS.every((f) => (a[f] ?? []).length === 0)) {
      ctx.addIssue({ code: "custom", path: ["_"], message: "say what to silence: --node, --tag, --check or --source (a silence of everything is refused)" });
    }
    if (a.for === undefined) ctx.addIssue({ code: "custom", path: ["for"], message: `required: how long, e.g. 2h (at most ${MAX_SILENCE_DAYS}d)` });
    else {
      const d = duration.safeParse(a.for);
      if (!d.success) ctx.addIssue({ code: "custom", path: ["for"], message: d.error.issues[0]?.message ?? "not a duration" });
    }
  })
  .transform((a): SilenceArgs => {
    const sub = a._[0];
    if (sub === "list") return { action: "list", all: a.all === true };
    if (sub === "remove") return { action: "remove", id: a._[1]! };
    const uniq = <T>(xs: T[] | undefined): T[] => [...new Set(xs ?? [])];
    const match: SilenceMatch = { node: uniq(a.node), tag: uniq(a.tag), check: uniq(a.check), source: uniq(a.source) };
    return { action: "add", match, for: a.for!, durationMs: duration.parse(a.for!), ...(a.reason ? { reason: a.reason } : {}) };
  });
