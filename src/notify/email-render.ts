import type { AlertEvent, AlertEventKind } from "../alerts/types.ts";
import { escapeHtml } from "../render/escape.ts";
import type { OutboxPayload } from "./delivery-types.ts";
import { alertEventLine, alertWhere, payloadLine } from "./payload-line.ts";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const HEADINGS: Record<AlertEventKind, string> = {
  raised: "New alert",
  updated: "Alert updated",
  reminder: "Still failing",
  resolved: "Resolved",
  acknowledged: "Acknowledged",
  snoozed: "Snoozed",
};

const SEVERITY_COLOURS = { critical: "#b00020", warning: "#b36b00", info: "#333" } as const;

type Fact = [label: string, value: string];

function alertFacts({ alert }: AlertEvent): Fact[] {
  const facts: Fact[] = [];
  facts.push(["Node", alert.node ?? "fleet-wide"]);
  if (alert.nodes.length > 0) facts.push(["Nodes", alert.nodes.join(", ")]);
  facts.push(["Check", alert.check], ["Source", alert.source], ["Severity", alert.severity], ["Status", alert.status]);
  facts.push(["Fix attempts", String(alert.attempts)], ["Alert", alert.id], ["First seen", alert.first_seen], ["Last seen", alert.last_seen]);
  if (alert.resolved_at) facts.push(["Resolved at", alert.resolved_at]);
  const reason = (r?: string) => (r ? ` (${r})` : "");
  if (alert.acknowledged) facts.push(["Acknowledged", `by ${alert.acknowledged.by} at ${alert.acknowledged.at}${reason(alert.acknowledged.reason)}`]);
  if (alert.snoozed) facts.push(["Snoozed", `until ${alert.snoozed.until} by ${alert.snoozed.by}${reason(alert.snoozed.reason)}`]);
  return facts;
}

// Hints only while someone may still act; a resolved alert needs nothing.
function hints({ alert }: AlertEvent): string[] {
  if (alert.status === "resolved") return [];
  return [`oyster alerts`, `oyster ack ${alert.id}`, `oyster snooze ${alert.id} 1h`];
}

function textDoc(heading: string, message: string, facts: Fact[], footer: string[]): string {
  const width = Math.max(...facts.map(([l]) => l.length), 0) + 2;
  const lines = [heading, "", message, "", ...facts.map(([l, v]) => `${`${l}:`.padEnd(width)}${v}`)];
  if (footer.length > 0) lines.push("", ...footer);
  lines.push("", "-- ", "Oyster");
  return `${lines.join("\n")}\n`;
}

function htmlDoc(title: string, body: string[]): string {
  return [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;color:#222">',
    ...body,
    '<p style="color:#888;font-size:12px;margin-top:16px">Oyster</p>',
    "</body></html>",
  ].join("\n");
}

/** Every value is escaped: node names, check names and messages are untrusted text. */
function renderAlertEvent(event: AlertEvent): RenderedEmail {
  const { kind, alert } = event;
  const line = alertEventLine(event);
  const heading = `${HEADINGS[kind]}: ${alert.severity.toUpperCase()} ${alertWhere(alert)}: ${alert.check}`;
  const facts = alertFacts(event);
  const footer = hints(event);
  const colour = kind === "resolved" ? "#1b7f3a" : SEVERITY_COLOURS[alert.severity];
  const rows = facts.map(([l, v]) => `<tr><td style="color:#666;padding-right:12px">${escapeHtml(l)}</td><td>${escapeHtml(v)}</td></tr>`);
  const html = htmlDoc(line, [
    `<h1 style="font-size:17px;margin:0 0 8px;color:${colour}">${escapeHtml(heading)}</h1>`,
    `<p style="margin:0 0 8px;white-space:pre-wrap">${escapeHtml(alert.message)}</p>`,
    `<table style="border-collapse:collapse;margin:4px 0">\n${rows.join("\n")}\n</table>`,
    ...(footer.length > 0 ? [`<p style="color:#666">${footer.map((h) => `<code>${escapeHtml(h)}</code>`).join(" &middot; ")}</p>`] : []),
  ]);
  return { subject: `[Oyster] ${line}`, text: textDoc(heading, alert.message, facts, footer), html };
}

function renderFallbackSummary(payload: Extract<OutboxPayload, { kind: "fallback-summary" }>): RenderedEmail {
  const title = payloadLine(payload);
  const text = [`${title}:`, "", ...payload.items.map((i) => `- ${i.deliveredAt}  ${i.summary}`), "", "-- ", "Oyster", ""].join("\n");
  const items = payload.items.map((i) => `<li><span style="color:#666">${escapeHtml(i.deliveredAt)}</span> ${escapeHtml(i.summary)}</li>`);
  const html = htmlDoc(title, [`<p>${escapeHtml(title)}:</p>`, `<ul>\n${items.join("\n")}\n</ul>`]);
  return { subject: `[Oyster] ${title}`, text, html };
}

/** An outbox payload as an email: a readable subject, plain text and HTML. */
export function renderEmail(payload: OutboxPayload): RenderedEmail {
  switch (payload.kind) {
    case "alert-event":
      return renderAlertEvent(payload.event);
    case "report":
      // The report renders itself (and escapes its own HTML).
      return { subject: payload.report.subject, text: payload.report.text, html: payload.report.html };
    case "announcement":
      // As given: the announcer renders (and escapes) its own message, as a report does.
      return { subject: payload.announcement.subject, text: payload.announcement.text, html: payload.announcement.html };
    case "fallback-summary":
      return renderFallbackSummary(payload);
  }
}
