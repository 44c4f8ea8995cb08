import { CHECK_NAMES } from "../jobs/guardian/checks/index.ts";
import { AlertTable } from "../src/alerts/alert-table.ts";
import { toAlert } from "../src/alerts/alert-row.ts";
import { defineCommand, type CommandContext } from "../src/command/types.ts";
import { OysterError } from "../src/errors.ts";
import { table } from "../src/render/table.ts";
import { utcMinute } from "../src/render/utc-time.ts";
import { describeMatch, silenceLine, silenceState, type SilenceState } from "../src/silences/format.ts";
import { unknownChecks } from "../src/silences/known-checks.ts";
import { silenceCovers, tagsFrom } from "../src/silences/match.ts";
import { SILENCE_USAGE, silenceSchema, type SilenceArgs } from "../src/silences/silence-args.ts";
import { SilenceTable } from "../src/silences/silence-table.ts";
import { endOf, type Silence } from "../src/silences/types.ts";

type Listed = Silence & { state: SilenceState; covers: string[] };

export interface SilenceData {
  action: SilenceArgs["action"];
  silences: Listed[];
  /** What was done: "added", "removed"; null for list. */
  done: string | null;
}

const tagsOf = (ctx: CommandContext) => tagsFrom(() => ctx.config.nodes);

/** The unresolved alerts a silence covers right now, by id. */
function covered(ctx: CommandContext, s: Silence): string[] {
  return new AlertTable(ctx.store.db).list("open").map(toAlert).filter((a) => silenceCovers(s.match, a, tagsOf(ctx))).map((a) => a.id);
}

function listed(ctx: CommandContext, s: Silence): Listed {
  const state = silenceState(s, ctx.now());
  return { ...s, state, covers: state === "active" ? covered(ctx, s) : [] };
}

/** Names that would make a silence cover nothing are refused (exit 2) before it is stored. */
function validateAdd(ctx: CommandContext, args: Extract<SilenceArgs, { action: "add" }>): void {
  const names = ctx.config.nodes.map((n) => n.name);
  for (const node of args.match.node) {
    if (!names.includes(node)) throw new OysterError("UnknownNode", `unknown node "${node}" (known: ${names.join(", ") || "none configured"})`, { node });
  }
  const tags = [...new Set(ctx.config.nodes.flatMap((n) => n.tags ?? []))].sort();
  for (const tag of args.match.tag) {
    if (!tags.includes(tag)) throw new OysterError("InvalidArgument", `no node has the tag "${tag}" (tags in nodes.json: ${tags.join(", ") || "none"})`, { tag });
  }
  const { unknown, known } = unknownChecks(args.match.check, CHECK_NAMES, ctx.store.db);
  if (unknown.length > 0) throw new OysterError("InvalidArgument", `unknown check "${unknown[0]}" (known: ${known.join(", ")}; a family like quota covers quota:...)`, { check: unknown[0] });
}

/**
 * Maintenance without pages: alerts a silence covers are still recorded, listed and resolved, but
 * nothing is posted, mailed or reminded until it ends; then what is still open is notified once.
 * Like ack and snooze, no confirmation, but every add and remove is audited.
 */
export const silence = defineCommand({
  name: "silence",
  summary: "Silence alerts for a while (maintenance): by node, tag, check or source, at most 30d; list; remove",
  usage: SILENCE_USAGE,
  examples: ["silence add --node node-2 --for 2h --reason maintenance", "silence add --check wrapper_version --for 1d", "silence list", "silence remove S3"],
  options: {
    node: { type: "string", multiple: true, description: "add: alerts about this node (repeat for more)" },
    tag: { type: "string", multiple: true, description: "add: alerts about nodes with this tag in nodes.json" },
    check: { type: "string", multiple: true, description: "add: this check, or a family (quota covers quota:...)" },
    source: { type: "string", multiple: true, description: "add: alerts from guardian, monitor, backup, oci or config" },
    for: { type: "string", description: "add: how long (30m, 2h, 7d; at most 30d)" },
    reason: { type: "string", value: "text", description: "add: why (shown with the silenced alerts)" },
    all: { type: "boolean", description: "list: ended silences too" },
  },
  schema: silenceSchema,
  role: {
    forms: [
      { form: "list", role: "viewer", example: ["list"] },
      { form: "add", role: "operator", example: ["add", "--node", "node-1", "--for", "1h"] },
      { form: "remove", role: "operator", example: ["remove", "S1"] },
    ],
    of: (a: SilenceArgs) => (a.action === "list" ? "viewer" : "operator"),
  },
  changesState: (a: SilenceArgs) => a.action !== "list",
  // The contract: like ack and snooze, silences need no confirmation; they are audited.
  confirm: false,
  validate(ctx, args) {
    if (args.action === "add") validateAdd(ctx, args);
  },
  async run(ctx, args): Promise<{ ok: boolean; data: SilenceData }> {
    const silences = new SilenceTable(ctx.store.db);
    if (args.action === "list") {
      const shown = args.all ? silences.all() : silences.activeAt(ctx.now());
      return { ok: true, data: { action: "list", silences: shown.map((s) => listed(ctx, s)), done: null } };
    }
    if (args.action === "add") {
      const s = silences.add({ match: args.match, by: ctx.caller.who, ...(args.reason ? { reason: args.reason } : {}), startsAt: ctx.now(), durationMs: args.durationMs });
      ctx.log.info({ silence: s.id, match: s.match, until: s.endsAt }, "silence added");
      return { ok: true, data: { action: "add", silences: [listed(ctx, s)], done: "added" } };
    }
    const s = silences.remove(args.id, ctx.caller.who, ctx.now());
    ctx.log.info({ silence: s.id }, "silence removed");
    // From the CLI, what the silence held back goes out before it exits (the bot's next round otherwise).
    // The removal stands either way: what cannot go from here, the bot sends.
    await ctx.deliverOutbox?.().catch((err: unknown) => ctx.log.warn({ err }, "delivery not wired here; the bot sends what the silence held"));
    return { ok: true, data: { action: "remove", silences: [listed(ctx, s)], done: "removed" } };
  },
  text(d: SilenceData) {
    if (d.done) {
      const s = d.silences[0]!;
      const covers = s.covers.length > 0 ? `; covers ${s.covers.join(", ")} now` : "";
      return d.done === "added" ? `${silenceLine(s)}${covers}` : `${s.id} removed (${describeMatch(s.match)}); alerts it held that are still open are notified at the next delivery round`;
    }
    if (d.silences.length === 0) return "No silences in force.";
    return table(
      ["ID", "STATE", "MATCHES", "UNTIL", "BY", "REASON", "COVERS"],
      d.silences.map((s) => [s.id, s.state, describeMatch(s.match), utcMinute(endOf(s)), s.by, s.reason ?? "-", s.covers.join(",") || "-"]),
    );
  },
});
