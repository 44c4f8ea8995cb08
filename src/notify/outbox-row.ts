import type { DeliveryChannel, OutboxItem, OutboxPayload } from "./delivery-types.ts";

export type OutboxStatus = "pending" | "sending" | "delivered";
export type ChannelName = DeliveryChannel["name"];
/** Where a done item went: a channel, or nowhere because a silence held it (src/silences). */
export type DeliveredVia = ChannelName | "silenced";

/** One outbox row as stored (migration 5), for SQL in `Outbox` only. */
export interface OutboxDbRow {
  id: number;
  key: string;
  kind: OutboxPayload["kind"];
  payload: string;
  created_at: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  sending_since: string | null;
  delivered_via: DeliveredVia | null;
  delivered_at: string | null;
  last_error: string | null;
}

/** A row with everything an operator wants to see (`oyster outbox`, tests). */
export interface OutboxEntry extends OutboxItem {
  status: OutboxStatus;
  nextAttemptAt: string;
  sendingSince: string | null;
  deliveredVia: DeliveredVia | null;
  deliveredAt: string | null;
  /**
   * Pending: why the last attempt failed on every channel. Delivered: why the channels before
   * `deliveredVia` did not take it (null when the first configured channel did), so "went by
   * email because Slack failed" is `deliveredVia = 'email' AND lastError IS NOT NULL`.
   */
  lastError: string | null;
}

export function toItem(r: OutboxDbRow): OutboxItem {
  return { id: r.id, key: r.key, payload: JSON.parse(r.payload) as OutboxPayload, createdAt: r.created_at, attempts: r.attempts };
}

export function toEntry(r: OutboxDbRow): OutboxEntry {
  return {
    ...toItem(r),
    status: r.status,
    nextAttemptAt: r.next_attempt_at,
    sendingSince: r.sending_since,
    deliveredVia: r.delivered_via,
    deliveredAt: r.delivered_at,
    lastError: r.last_error,
  };
}
