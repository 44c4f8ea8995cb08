import { z } from "zod";
import { nodeName } from "../command/arg-schemas.ts";
import type { Config } from "../config/index.ts";
import { OysterError } from "../errors.ts";
import { JOURNAL_LINES } from "./journal.ts";

export const UNITS_USAGE = "units <node> [unit] [--lines 50] [--json]";

export interface UnitsArgs {
  node: string;
  /** One unit: its status and the last `lines` of its journal. None: every listed unit's status. */
  unit: string | null;
  lines: number;
}

/**
 * Only the shape here. The unit is not held to a character set: it is checked against the
 * node's `services` (config allows no shell syntax in those), so `x;id` is refused in the same
 * words as any unlisted unit, naming the ones that are listed.
 */
export const unitsSchema = z
  .object({
    _: z.tuple([nodeName], z.string().min(1)).refine((w) => w.length <= 2, { message: "takes <node> and at most one unit" }),
    lines: z.string().regex(/^\d+$/, { message: "a whole number" }).transform(Number).optional(),
  })
  .superRefine((a, ctx) => {
    const { min, max } = JOURNAL_LINES;
    if (a.lines !== undefined && (a.lines < min || a.lines > max)) ctx.addIssue({ code: "custom", path: ["lines"], message: `from ${min} to ${max}` });
    if (a.lines !== undefined && a._.length < 2) ctx.addIssue({ code: "custom", path: ["lines"], message: "goes with one unit: units <node> <unit> --lines N" });
  })
  .transform((a): UnitsArgs => ({ node: a._[0], unit: a._[1] ?? null, lines: a.lines ?? JOURNAL_LINES.default }));

/**
 * The node (the pool's look-up: UnknownNode listing the nodes) and the units to read, all from
 * config, before anything runs. Throws UnknownService (exit 2) naming the listed units.
 */
export function resolveUnits(config: Config, lookupNode: (name: string) => unknown, args: UnitsArgs): string[] {
  lookupNode(args.node);
  const listed = config.nodes.find((n) => n.name === args.node)?.services ?? [];
  if (args.unit === null) return listed;
  if (!listed.includes(args.unit)) {
    const valid = listed.length ? listed.join(", ") : "none; add them to the node's services in nodes.json";
    throw new OysterError("UnknownService", `${args.node} does not list "${args.unit}" in its services (listed: ${valid})`, { node: args.node, unit: args.unit, known: listed });
  }
  return [args.unit];
}
