import { formatAge } from "./db-health-text.ts";
import type { OutboxSummary } from "./outbox-summary.ts";

export interface OutboxRetried {
  /** Items brought forward: they were waiting for a later attempt. */
  retried: number;
  /** Pending items due now, those already due included. */
  due: number;
  /** Where the retry happens: this CLI before it exits, and the running bot at its next poll. */
  deliveringHere: boolean;
}

export function outboxText(s: OutboxSummary): string {
  const { pending, sending, delivered } = s.counts;
  const out = [`outbox: ${pending} pending (${s.failing} failed at least once), ${sending} sending, ${delivered} delivered`];
  for (const r of s.byChannel) out.push(`  ${r.status.padEnd(9)} ${r.channel.padEnd(6)} ${r.count}${r.failing ? ` (${r.failing} failed at least once)` : ""}`);
  const o = s.oldest;
  if (!o) return [...out, "nothing waiting"].join("\n");
  out.push(`oldest waiting: ${o.key} (${o.kind}, ${o.status}), ${formatAge(o.ageSeconds)} old, ${o.attempts} attempt${o.attempts === 1 ? "" : "s"}, next ${o.nextAttemptAt}`);
  if (o.lastError) out.push(`last error: ${o.lastError}`);
  return out.join("\n");
}

export function retriedText(r: OutboxRetried): string {
  if (r.due === 0) return "outbox retry: nothing is waiting to be delivered";
  const where = r.deliveringHere ? "this command delivers them before it exits (up to 20 s); the running bot takes what is left" : "the bot's deliverer sends them at its next poll (within 30 s)";
  return `outbox retry: ${r.retried} item${r.retried === 1 ? "" : "s"} brought forward, ${r.due} due now; ${where}`;
}
