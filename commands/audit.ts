import { z } from "zod";
import { durationUpTo, noPositionals } from "../src/command/arg-schemas.ts";
import { defineCommand } from "../src/command/types.ts";
import { table } from "../src/render/table.ts";
import type { AuditRow } from "../src/store/index.ts";
import { utcMinute } from "../src/render/utc-time.ts";

export interface AuditData {
  since: string;
  entries: AuditRow[];
}

/** The audit is a look-back over months, not a snooze: a year at most keeps dates representable. */
const AUDIT_MAX_DAYS = 366;

export const audit = defineCommand({
  name: "audit",
  summary: "Who ran which state-changing command, from where, with what decision and outcome",
  usage: "audit [--since 24h] [--json]",
  options: { since: { type: "string", description: "how far back: 30m, 1h, 24h, 7d, up to 366d (default 24h)" } },
  schema: z.object({ _: noPositionals, since: durationUpTo(AUDIT_MAX_DAYS).optional() }).transform((a) => ({ sinceMs: a.since ?? 24 * 3600_000 })),
  // Who ran what, with their arguments and errors.
  role: "operator",
  changesState: false,
  async run(ctx, args) {
    const since = new Date(ctx.now().getTime() - args.sinceMs);
    return { ok: true, data: { since: since.toISOString(), entries: ctx.store.audit.since(since) } };
  },
  text(data: AuditData) {
    if (data.entries.length === 0) return `No audited commands since ${data.since}.`;
    return table(
      ["TIME", "WHO", "COMMAND", "DECISION", "OUTCOME", "MS"],
      data.entries.map((e) => [
        utcMinute(e.at),
        e.who + (e.channel ? ` #${e.channel}` : ""),
        `${e.command} ${JSON.stringify(e.args)}`,
        e.decision,
        e.error ? `${e.outcome}: ${e.error}` : e.outcome,
        e.durationMs === null ? "-" : String(e.durationMs),
      ]),
    );
  },
});
