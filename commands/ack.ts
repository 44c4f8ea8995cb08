import { z } from "zod";
import { alertBookFor } from "../src/alerts/alert-book-for.ts";
import { alertIdArg } from "../src/alerts/alert-id.ts";
import type { Alert } from "../src/alerts/types.ts";
import { defineCommand } from "../src/command/types.ts";

export interface AckData {
  alert: Alert;
}

export const ack = defineCommand({
  name: "ack",
  summary: "Acknowledge an alert (\"I'm on it\"): no more reminders; it clears when the check passes",
  usage: "ack <id> [--reason TEXT]",
  options: { reason: { type: "string", value: "text", description: "why, or what you are doing about it" } },
  schema: z
    .object({ _: z.tuple([alertIdArg], { message: "give one alert id, e.g. A12" }), reason: z.string().optional() })
    .transform((a) => ({ id: a._[0], ...(a.reason ? { reason: a.reason } : {}) })),
  role: "operator",
  changesState: true,
  // The contract: ack needs no confirmation, but like every change it is audited.
  confirm: false,
  async run(ctx, args) {
    return { ok: true, data: { alert: await alertBookFor(ctx).ack(args.id, ctx.caller.who, args.reason) } };
  },
  text({ alert }: AckData) {
    const by = alert.acknowledged ? ` by ${alert.acknowledged.by}${alert.acknowledged.reason ? `: ${alert.acknowledged.reason}` : ""}` : "";
    return `${alert.id} acknowledged${by} (${alert.check}${alert.node ? ` on ${alert.node}` : ""})`;
  },
});
