import type { Alert, AlertEvent } from "../alerts/types.ts";
import { oneLine as sharedOneLine } from "../render/one-line.ts";
import type { OutboxPayload } from "./delivery-types.ts";
import { plainView, type View } from "../render/view.ts";

/** Longest alert message kept in a one-line summary (subjects get long fast in a mail client). */
export const LINE_MESSAGE_CHARS = 120;

/** A summary is a single line whatever came in (control characters and newlines folded). */
export function oneLine(text: string, max = LINE_MESSAGE_CHARS): string {
  return sharedOneLine(text, max);
}

/** Where an alert is: its node, the nodes of a grouped alert, or the fleet. */
export function alertWhere(alert: Alert, view: View = plainView()): string {
  if (alert.node) return alert.node;
  if (alert.nodes.length > 0) return view.t("alerts.nNodes", { count: alert.nodes.length });
  return view.t("email.fleet");
}

/**
 * One line per alert event, e.g. `CRITICAL node-2: node_availability: does not answer` or
 * `resolved node-2: node_availability`: the email subject (after "[Oyster] ") and the line in a
 * fallback summary.
 */
export function alertEventLine({ kind, alert }: AlertEvent, view: View = plainView()): string {
  const { t } = view;
  const where = t("email.line.where", { where: alertWhere(alert, view), check: alert.check });
  const severe = `${t(`alerts.severityHeading.${alert.severity}`)} ${where}${t("alerts.sep")}${oneLine(alert.message)}`;
  switch (kind) {
    case "raised":
      return severe;
    case "updated":
      return t("email.line.updated", { line: severe });
    case "reminder":
      return t("email.line.reminder", { line: severe });
    case "resolved":
      return t("email.line.resolved", { where });
    case "acknowledged":
      return t("email.line.acknowledged", { where, by: alert.acknowledged ? t("email.line.ackBy", { by: alert.acknowledged.by }) : "" });
    case "snoozed":
      return t("email.line.snoozed", { where, until: alert.snoozed ? t("email.line.until", { until: alert.snoozed.until }) : "" });
  }
}

/** One line per outbox payload: English by default (logs, the stored fallback summary); email passes its view. */
export function payloadLine(payload: OutboxPayload, view: View = plainView()): string {
  switch (payload.kind) {
    case "alert-event":
      return alertEventLine(payload.event, view);
    case "report":
      return oneLine(payload.report.subject, 200);
    case "announcement":
      return oneLine(payload.announcement.subject, 200);
    case "fallback-summary":
      return view.t(payload.items.length === 1 ? "email.fallback.one" : "email.fallback.many", { count: payload.items.length });
  }
}
