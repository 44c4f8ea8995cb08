import { z } from "zod";
import { defineCommand } from "../src/command/types.ts";
import { Outbox } from "../src/notify/outbox.ts";
import { outboxSummary, type OutboxSummary } from "../src/troubleshoot/outbox-summary.ts";
import { outboxText, retriedText, type OutboxRetried } from "../src/troubleshoot/outbox-text.ts";

export type OutboxData = OutboxSummary | OutboxRetried;

const isRetried = (d: OutboxData): d is OutboxRetried => "retried" in d;

export const OUTBOX_USAGE = "outbox [retry] [--json]";

const outboxSchema = z
  .object({ _: z.array(z.string()).max(1, { message: "one subcommand at most: retry" }) })
  .superRefine((a, ctx) => {
    if (a._[0] !== undefined && a._[0] !== "retry") ctx.addIssue({ code: "custom", path: ["_", 0], message: "not a subcommand; the one is retry" });
  })
  .transform((a) => ({ retry: a._[0] === "retry" }));

/**
 * The delivery queue in state.db, an operator's to read. `retry` is audited, but asks for no
 * confirmation: it only brings forward attempts the deliverer would make anyway. Nothing new is
 * queued and nothing is sent twice (each item is claimed once, in one transaction), the same step
 * the deliverer takes by itself when a channel comes back.
 */
export const outbox = defineCommand({
  name: "outbox",
  summary: "The notification delivery queue: counts by status and channel, the oldest waiting item and its last error; retry: due now",
  usage: OUTBOX_USAGE,
  schema: outboxSchema,
  // The queue holds what was sent or is to be sent (alert text, reports, delivery errors).
  role: "operator",
  changesState: (a: { retry: boolean }) => a.retry,
  confirm: false,
  async run(ctx, args): Promise<{ ok: boolean; data: OutboxData }> {
    const queue = new Outbox(ctx.store.db, ctx.now);
    if (!args.retry) {
      const summary = outboxSummary(queue, ctx.now());
      // Something that failed and still waits is what an operator is asked to look at: exit 1.
      return { ok: summary.failing === 0, data: summary };
    }
    const retried = queue.pullForward(ctx.now());
    // Every pending item is due now, the ones that were already due included.
    const due = queue.counts().pending;
    if (due > 0 && ctx.deliverOutbox) await ctx.deliverOutbox();
    return { ok: true, data: { retried, due, deliveringHere: due > 0 && ctx.deliverOutbox !== undefined } };
  },
  text: (data: OutboxData) => (isRetried(data) ? retriedText(data) : outboxText(data)),
});
