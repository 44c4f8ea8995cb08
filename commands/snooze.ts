import { z } from "zod";
import { alertBookFor } from "../src/alerts/alert-book-for.ts";
import { alertIdArg } from "../src/alerts/alert-id.ts";
import type { Alert } from "../src/alerts/types.ts";
import { duration } from "../src/command/arg-schemas.ts";
import { defineCommand } from "../src/command/types.ts";
import { utcMinute } from "../src/render/utc-time.ts";

export interface SnoozeData {
  alert: Alert;
}

export const snooze = defineCommand({
  name: "snooze",
  summary: "Silence an alert's reminders for a while (30m, 1h, 24h, 7d); it reopens when that ends",
  usage: "snooze <id> <duration> [--reason TEXT]",
  options: { reason: { type: "string", value: "text", description: "why it can wait" } },
  schema: z
    .object({ _: z.tuple([alertIdArg, duration], { message: "give an alert id and a duration, e.g. A12 1h" }), reason: z.string().optional() })
    .transform((a) => ({ id: a._[0], durationMs: a._[1], ...(a.reason ? { reason: a.reason } : {}) })),
  role: "operator",
  changesState: true,
  // The contract: snooze needs no confirmation, but like every change it is audited.
  confirm: false,
  async run(ctx, args) {
    return { ok: true, data: { alert: await alertBookFor(ctx).snooze(args.id, args.durationMs, ctx.caller.who, args.reason) } };
  },
  text({ alert }: SnoozeData) {
    const until = alert.snoozed ? ` until ${utcMinute(alert.snoozed.until)} by ${alert.snoozed.by}` : "";
    return `${alert.id} snoozed${until} (${alert.check}${alert.node ? ` on ${alert.node}` : ""})`;
  },
});
