import type { Outbox, OutboxStatus } from "../notify/outbox.ts";

export interface OutboxSummary {
  counts: Record<OutboxStatus, number>;
  byChannel: Array<{ status: OutboxStatus; channel: string; count: number; failing: number }>;
  /** Not delivered yet and tried at least once: what `outbox retry` is for. */
  failing: number;
  oldest: null | {
    key: string;
    kind: string;
    status: OutboxStatus;
    createdAt: string;
    ageSeconds: number;
    attempts: number;
    nextAttemptAt: string;
    lastError: string | null;
  };
}

/** The delivery queue as an operator checks it: what waits, where it was going, why it is stuck. */
export function outboxSummary(outbox: Outbox, now: Date): OutboxSummary {
  const byChannel = outbox.channelCounts();
  const o = outbox.oldestUndelivered();
  return {
    counts: outbox.counts(),
    byChannel,
    failing: byChannel.reduce((n, r) => n + r.failing, 0),
    oldest: o
      ? {
          key: o.key,
          kind: o.payload.kind,
          status: o.status,
          createdAt: o.createdAt,
          ageSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(o.createdAt)) / 1000)),
          attempts: o.attempts,
          nextAttemptAt: o.nextAttemptAt,
          lastError: o.lastError,
        }
      : null,
  };
}
