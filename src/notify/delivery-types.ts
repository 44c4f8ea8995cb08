import type { AlertEvent } from "../alerts/types.ts";
import type { Announcement } from "./announcement.ts";
import type { ReportMessage } from "./report-sink.ts";

/**
 * What the outbox carries. Every notification is written here first (state.db), then delivered:
 * Slack, else email, else it waits and is retried with backoff, across restarts.
 */
export type OutboxPayload =
  | { kind: "alert-event"; event: AlertEvent }
  /** Reports go to every channel (Slack's report channel AND email): one item per channel, no fallback between them. */
  | { kind: "report"; report: ReportMessage; via?: "slack" | "email" }
  /** A one-off message for everyone: like a report, one item per channel, no fallback between them. */
  | { kind: "announcement"; announcement: Announcement; via?: "slack" | "email" }
  /** After Slack comes back: what went by email meanwhile, in one message. */
  | { kind: "fallback-summary"; items: Array<{ key: string; summary: string; deliveredAt: string }> };

export interface OutboxItem {
  id: number;
  /** Idempotency key: recorded before sending, so a crash can duplicate at most this one item. */
  key: string;
  payload: OutboxPayload;
  createdAt: string;
  attempts: number;
}

/** One way out (Slack, email). `deliver` throws when the message did not get through. */
export interface DeliveryChannel {
  name: "slack" | "email";
  /** False when not configured (no Slack tokens, no SMTP_URL or email.to): skipped without an attempt. */
  configured(): boolean;
  /**
   * Finer than configured() where a channel serves some kinds only (Slack: a report channel but no
   * alert channel). `payload`, when given, lets it decide per item (an announcement names its own
   * Slack channel); without it the answer is for the kind's default target.
   */
  configuredFor?(kind: OutboxPayload["kind"], payload?: OutboxPayload): boolean;
  deliver(item: OutboxItem): Promise<void>;
}
