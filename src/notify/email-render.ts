import type { AlertEvent, AlertEventKind } from "../alerts/types.ts";
import { escapeHtml } from "../render/escape.ts";
import { displayWidth } from "../render/paint.ts";
import type { OutboxPayload } from "./delivery-types.ts";
import { alertEventLine, alertWhere, payloadLine } from "./payload-line.ts";
import type { MessageKey } from "../locale/index.ts";
import { plainView, type View } from "../render/view.ts";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const HEADINGS: Record<AlertEventKind, MessageKey> = {
  raised: "email.heading.raised",
  updated: "email.heading.updated",
  reminder: "email.heading.reminder",
  resolved: "email.heading.resolved",
  acknowledged: "email.heading.acknowledged",
  snoozed: "email.heading.snoozed",
};

const SEVERITY_COLOURS = { critical: "#b00020", warning: "#b36b00", info: "#333" } as const;

type Fact = [label: string, value: string];

function alertFacts({ alert }: AlertEvent, { t }: View): Fact[] {
  const facts: Fact[] = [];
  facts.push([t("email.fact.node"), alert.node ?? t("email.fleetWide")]);
  if (alert.nodes.length > 0) facts.push([t("email.fact.nodes"), alert.nodes.join(", ")]);
  facts.push(
    [t("email.fact.check"), alert.check],
    [t("email.fact.source"), alert.source],
    [t("email.fact.severity"), t(`alerts.severity.${alert.severity}`)],
    [t("email.fact.status"), t(`alerts.status.${alert.status}`)],
  );
  facts.push(
    [t("email.fact.attempts"), String(alert.attempts)],
    [t("email.fact.alert"), alert.id],
    [t("email.fact.firstSeen"), alert.first_seen],
    [t("email.fact.lastSeen"), alert.last_seen],
  );
  if (alert.resolved_at) facts.push([t("email.fact.resolvedAt"), alert.resolved_at]);
  const reason = (r?: string) => (r ? t("email.reason", { reason: r }) : "");
  if (alert.acknowledged) facts.push([t("email.fact.acknowledged"), t("email.ackBy", { by: alert.acknowledged.by, at: alert.acknowledged.at, reason: reason(alert.acknowledged.reason) })]);
  if (alert.snoozed) facts.push([t("email.fact.snoozed"), t("email.snoozedUntil", { until: alert.snoozed.until, by: alert.snoozed.by, reason: reason(alert.snoozed.reason) })]);
  return facts;
}

// Hints only while someone may still act; a resolved alert needs nothing.
function hints({ alert }: AlertEvent): string[] {
  if (alert.status === "resolved") return [];
  return [`oyster alerts`, `oyster ack ${alert.id}`, `oyster snooze ${alert.id} 1h`];
}

function textDoc(heading: string, message: string, facts: Fact[], footer: string[]): string {
  // Columns as a terminal or a monospace mail client counts them: a Chinese label takes two per character.
  const width = Math.max(...facts.map(([l]) => displayWidth(l)), 0) + 2;
  const lines = [heading, "", message, "", ...facts.map(([l, v]) => `${l}:${" ".repeat(Math.max(1, width - displayWidth(l) - 1))}${v}`)];
  if (footer.length > 0) lines.push("", ...footer);
  lines.push("", "-- ", "Oyster");
  return `${lines.join("\n")}\n`;
}

function htmlDoc(title: string, body: string[], view: View): string {
  return [
    "<!doctype html>",
    `<html lang="${view.locale}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;color:#222">',
    ...body,
    '<p style="color:#888;font-size:12px;margin-top:16px">Oyster</p>',
    "</body></html>",
  ].join("\n");
}

/** Every value is escaped: node names, check names and messages are untrusted text. */
function renderAlertEvent(event: AlertEvent, view: View): RenderedEmail {
  const { kind, alert } = event;
  const { t } = view;
  const line = alertEventLine(event, view);
  const heading = t("email.heading", { heading: t(HEADINGS[kind]), severity: t(`alerts.severityHeading.${alert.severity}`), where: alertWhere(alert, view), check: alert.check });
  const facts = alertFacts(event, view);
  const footer = hints(event);
  const colour = kind === "resolved" ? "#1b7f3a" : SEVERITY_COLOURS[alert.severity];
  const rows = facts.map(([l, v]) => `<tr><td style="color:#666;padding-right:12px">${escapeHtml(l)}</td><td>${escapeHtml(v)}</td></tr>`);
  const html = htmlDoc(line, [
    `<h1 style="font-size:17px;margin:0 0 8px;color:${colour}">${escapeHtml(heading)}</h1>`,
    `<p style="margin:0 0 8px;white-space:pre-wrap">${escapeHtml(alert.message)}</p>`,
    `<table style="border-collapse:collapse;margin:4px 0">\n${rows.join("\n")}\n</table>`,
    ...(footer.length > 0 ? [`<p style="color:#666">${footer.map((h) => `<code>${escapeHtml(h)}</code>`).join(" &middot; ")}</p>`] : []),
  ], view);
  return { subject: `[Oyster] ${line}`, text: textDoc(heading, alert.message, facts, footer), html };
}

function renderFallbackSummary(payload: Extract<OutboxPayload, { kind: "fallback-summary" }>, view: View): RenderedEmail {
  const title = payloadLine(payload, view);
  const text = [`${title}:`, "", ...payload.items.map((i) => `- ${i.deliveredAt}  ${i.summary}`), "", "-- ", "Oyster", ""].join("\n");
  const items = payload.items.map((i) => `<li><span style="color:#666">${escapeHtml(i.deliveredAt)}</span> ${escapeHtml(i.summary)}</li>`);
  const html = htmlDoc(title, [`<p>${escapeHtml(title)}:</p>`, `<ul>\n${items.join("\n")}\n</ul>`], view);
  return { subject: `[Oyster] ${title}`, text, html };
}

/** An outbox payload as an email: a readable subject, plain text and HTML. */
export function renderEmail(payload: OutboxPayload, view: View = plainView()): RenderedEmail {
  switch (payload.kind) {
    case "alert-event":
      return renderAlertEvent(payload.event, view);
    case "report":
      // The report renders itself (and escapes its own HTML).
      return { subject: payload.report.subject, text: payload.report.text, html: payload.report.html };
    case "announcement":
      // As given: the announcer renders (and escapes) its own message, as a report does.
      return { subject: payload.announcement.subject, text: payload.announcement.text, html: payload.announcement.html };
    case "fallback-summary":
      return renderFallbackSummary(payload, view);
  }
}
