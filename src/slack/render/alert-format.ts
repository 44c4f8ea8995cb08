import type { Alert, Severity } from "../../alerts/types.ts";
import { escapeClipped } from "./mrkdwn.ts";
import { utcMinute } from "../../render/utc-time.ts";

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

/** Slack renders the date token in each reader's own time zone; the fallback is UTC. */
export function when(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return escapeClipped(iso, 40);
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${utc(ms)}>`;
}

/** "45 min", "2 h 5 min", "3 d 4 h": how long an incident has lasted, at a glance. */
export function duration(ms: number): string {
  const min = Math.floor(Math.max(0, ms) / 60_000);
  if (min < 1) return "less than a minute";
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  return h % 24 ? `${Math.floor(h / 24)} d ${h % 24} h` : `${Math.floor(h / 24)} d`;
}

/** "`node_availability` on *node-1*", "`storm` on *12 nodes*", or the check alone when fleet-wide. */
export function subject(alert: Alert): string {
  const where = alert.nodes.length > 1 ? `${alert.nodes.length} nodes` : alert.node ?? alert.nodes[0];
  return where ? `${code(alert.check)} on *${escapeClipped(where, 100)}*` : code(alert.check);
}

/** The same in plain words, for notification text (no markup beyond escaping). */
export function plainSubject(alert: Alert): string {
  const where = alert.nodes.length > 1 ? `${alert.nodes.length} nodes` : alert.node ?? alert.nodes[0];
  return escapeClipped(where ? `${alert.check} on ${where}` : alert.check, 200);
}

/** Is the snooze over (the alert reopened), judged by the alert's own last sighting? */
export function snoozeEnded(alert: Alert): boolean {
  return alert.status === "open" && alert.snoozed !== undefined && Date.parse(alert.snoozed.until) <= Date.parse(alert.last_seen);
}

/**
 * Who acknowledged or snoozed it, why, and until when: the lines people look for first. An ack is
 * kept on a resolved alert (it "cleared itself on recovery"); a snooze that ran out says so.
 */
export function handlingLines(alert: Alert): string[] {
  const lines: string[] = [];
  const reason = (r?: string) => (r ? `: _${escapeClipped(r, 300)}_` : "");
  const ack = alert.acknowledged;
  if (ack && (alert.status === "acknowledged" || alert.status === "resolved")) {
    lines.push(`:eyes: Acknowledged by ${who(ack.by)} ${when(ack.at)}${reason(ack.reason)}`);
  }
  const snooze = alert.snoozed;
  if (snooze && alert.status === "snoozed") lines.push(`:zzz: Snoozed by ${who(snooze.by)} until ${when(snooze.until)}${reason(snooze.reason)}`);
  if (snooze && snoozeEnded(alert)) lines.push(`:alarm_clock: Snooze by ${who(snooze.by)} ended ${when(snooze.until)}`);
  return lines;
}
