import { z } from "zod";
import { NODE_NAME_RE, parseDuration } from "../config/index.ts";

/** At most 253 characters, as a DNS name: a node given by name alone is dialled by that name. */
export const NODE_NAME_MAX = 253;

/** A node name as the contract spells them; whether it is configured is checked against config. */
export const nodeName = z
  .string()
  .max(NODE_NAME_MAX, { message: `not a valid node name (at most ${NODE_NAME_MAX} characters)` })
  .regex(NODE_NAME_RE, { message: "not a valid node name (letters, digits, . _ -)" });

/** No positional words at all. */
export const noPositionals = z.array(z.string()).max(0, { message: "this command takes no positional arguments" });

/** `30m`, `1h`, `24h`, `7d` → milliseconds, at most `maxDays` days (30 unless given). */
export function durationUpTo(maxDays?: number) {
  return z.string().transform((text, ctx) => {
    try {
      return maxDays === undefined ? parseDuration(text) : parseDuration(text, maxDays * 86_400_000);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: (err as Error).message });
      return z.NEVER;
    }
  });
}

/** A snooze-like duration: up to 30 days. */
export const duration = durationUpTo();

/** `<node...|--all> [--dry-run]`: the nodes a fleet-wide change acts on, and whether only to show it. */
export interface NodeSelection {
  nodes: string[];
  all: boolean;
  dryRun: boolean;
}

/**
 * Naming nodes or `--all` is required, and not both: "no nodes" must never quietly mean "every
 * node". Repeated names count once. `what` finishes "name the nodes to ..." in the message.
 */
export function nodeSelectionSchema(what: string) {
  return z
    .object({ _: z.array(nodeName), all: z.boolean().optional(), "dry-run": z.boolean().optional() })
    .superRefine((a, ctx) => {
      if (a._.length === 0 && a.all !== true) ctx.addIssue({ code: "custom", path: ["_"], message: `name the nodes to ${what}, or --all` });
      if (a._.length > 0 && a.all === true) ctx.addIssue({ code: "custom", path: ["all"], message: "name nodes or give --all, not both" });
    })
    .transform((a): NodeSelection => ({ nodes: [...new Set(a._)], all: a.all === true, dryRun: a["dry-run"] === true }));
}

/** The selected nodes by name: every node in nodes.json for `--all`. */
export function selectedNodes(ctx: { config: { nodes: Array<{ name: string }> } }, args: NodeSelection): string[] {
  return args.all ? ctx.config.nodes.map((n) => n.name) : args.nodes;
}
