import type { Alert, AlertEvent } from "../alerts/types.ts";
import { oneLine as sharedOneLine } from "../render/one-line.ts";
import type { OutboxPayload } from "./delivery-types.ts";

/** Longest alert message kept in a one-line summary (subjects get long fast in a mail client). */
export const LINE_MESSAGE_CHARS = 120;

/** A summary is a single line whatever came in (control characters and newlines folded). */
export function oneLine(text: string, max = LINE_MESSAGE_CHARS): string {
  return sharedOneLine(text, max);
}

/** Where an alert is: its node, the nodes of a grouped alert, or the fleet. */
export function alertWhere(alert: Alert): string {
  if (alert.node) return alert.node;
  if (alert.nodes.length > 0) return `${alert.nodes.length} nodes`;
  return "fleet";
}

/**
 * One line per alert event, e.g. `CRITICAL node-2: node_availability: does not answer` or
 * `resolved node-2: node_availability`: the email subject (after "[Oyster] ") and the line in a
 * fallback summary.
 */
export function alertEventLine({ kind, alert }: AlertEvent): string {
  const where = `${alertWhere(alert)}: ${alert.check}`;
  const severe = `${alert.severity.toUpperCase()} ${where}: ${oneLine(alert.message)}`;
  switch (kind) {
    case "raised":
      return severe;
    case "updated":
      return `updated: ${severe}`;
    case "reminder":
      return `still failing: ${severe}`;
    case "resolved":
      return `resolved ${where}`;
    case "acknowledged":
      return `acknowledged ${where}${alert.acknowledged ? ` by ${alert.acknowledged.by}` : ""}`;
    case "snoozed":
      return `snoozed ${where}${alert.snoozed ? ` until ${alert.snoozed.until}` : ""}`;
  }
}

export function payloadLine(payload: OutboxPayload): string {
  switch (payload.kind) {
    case "alert-event":
      return alertEventLine(payload.event);
    case "report":
      return oneLine(payload.report.subject, 200);
    case "announcement":
      return oneLine(payload.announcement.subject, 200);
    case "fallback-summary":
      return `${payload.items.length} message${payload.items.length === 1 ? "" : "s"} went by email while Slack was failing`;
  }
}
