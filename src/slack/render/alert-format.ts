import type { Alert, Severity } from "../../alerts/types.ts";
import { escapeClipped } from "./mrkdwn.ts";
import { utcMinute } from "../../render/utc-time.ts";
import { plainView, type View } from "../../render/view.ts";

export { escapeClipped };

/** The small pieces of alert text shared by the alert message and its thread replies. */

export const SEVERITY_EMOJI: Record<Severity, string> = {
  critical: ":red_circle:",
  warning: ":large_orange_circle:",
  info: ":large_blue_circle:",
};

export const RESOLVED_EMOJI = ":white_check_mark:";

const SLACK_USER_RE = /^[UW][A-Z0-9]+$/;

/** Inline code that cannot be broken out of: backticks inside would end the span. */
export function code(raw: string, max = 200): string {
  return `\`${escapeClipped(raw.replace(/`/g, "'"), max)}\``;
}

/** `slack:U123` becomes a mention (Slack shows the name); anyone else (`cli:alice`) is plain text. */
export function who(by: string): string {
  const id = by.startsWith("slack:") ? by.slice("slack:".length) : "";
  return SLACK_USER_RE.test(id) ? `<@${id}>` : escapeClipped(by, 200);
}

const utc = (ms: number) => utcMinute(ms);

/**
 * Slack renders the date token in each reader's own time zone; the fallback is UTC. In Chinese the
 * token would render as "12月7日" in a Chinese Slack client: there the time is written out as
 * "2026-12-07 09:00 UTC" instead, ISO and unambiguous.
 */
export function when(iso: string, view: View = plainView()): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return escapeClipped(iso, 40);
  if (view.locale !== "en") return utc(ms);
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${utc(ms)}>`;
}

/** "45 min", "2 h 5 min", "3 d 4 h": how long an incident has lasted, at a glance. */
export function duration(ms: number, view: View = plainView()): string {
  const { t } = view;
  const min = Math.floor(Math.max(0, ms) / 60_000);
  if (min < 1) return t("alerts.lessThanAMinute");
  if (min < 60) return t("alerts.minutes", { min });
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? t("alerts.hoursMinutes", { h, min: min % 60 }) : t("alerts.hours", { h });
  return h % 24 ? t("alerts.daysHours", { d: Math.floor(h / 24), h: h % 24 }) : t("alerts.days", { d: Math.floor(h / 24) });
}

const whereOf = (alert: Alert, view: View) => (alert.nodes.length > 1 ? view.t("alerts.nNodes", { count: alert.nodes.length }) : alert.node ?? alert.nodes[0]);

/** "`node_availability` on *node-1*", "`storm` on *12 nodes*", or the check alone when fleet-wide. */
export function subject(alert: Alert, view: View = plainView()): string {
  const where = whereOf(alert, view);
  return where ? view.t("alerts.subject", { check: code(alert.check), where: escapeClipped(where, 100) }) : code(alert.check);
}

/** The same in plain words, for notification text (no markup beyond escaping). */
export function plainSubject(alert: Alert, view: View = plainView()): string {
  const where = whereOf(alert, view);
  return escapeClipped(where ? view.t("alerts.plainSubject", { check: alert.check, where }) : alert.check, 200);
}

/** "critical", "严重": a severity as the reader's language names it. */
export const severityWord = (alert: Pick<Alert, "severity">, view: View) => view.t(`alerts.severity.${alert.severity}`);
/** "open", "未处理": an alert's status in the reader's language. */
export const statusWord = (alert: Pick<Alert, "status">, view: View) => view.t(`alerts.status.${alert.status}`);

/** Is the snooze over (the alert reopened), judged by the alert's own last sighting? */
export function snoozeEnded(alert: Alert): boolean {
  return alert.status === "open" && alert.snoozed !== undefined && Date.parse(alert.snoozed.until) <= Date.parse(alert.last_seen);
}

/**
 * Who acknowledged or snoozed it, why, and until when: the lines people look for first. An ack is
 * kept on a resolved alert (it "cleared itself on recovery"); a snooze that ran out says so.
 */
export function handlingLines(alert: Alert, view: View = plainView()): string[] {
  const { t } = view;
  const lines: string[] = [];
  const reason = (r?: string) => (r ? t("alerts.reason", { reason: escapeClipped(r, 300) }) : "");
  const ack = alert.acknowledged;
  if (ack && (alert.status === "acknowledged" || alert.status === "resolved")) {
    lines.push(t("alerts.acknowledgedBy", { who: who(ack.by), when: when(ack.at, view), reason: reason(ack.reason) }));
  }
  const snooze = alert.snoozed;
  if (snooze && alert.status === "snoozed") lines.push(t("alerts.snoozedBy", { who: who(snooze.by), until: when(snooze.until, view), reason: reason(snooze.reason) }));
  if (snooze && snoozeEnded(alert)) lines.push(t("alerts.snoozeEnded", { who: who(snooze.by), when: when(snooze.until, view) }));
  return lines;
}
