import { flapCount, withoutFlapNote } from "../alerts/flapping.ts";
import type { AlertEventKind, Alert } from "../alerts/types.ts";
import { duration, escapeClipped, RESOLVED_EMOJI, snoozeEnded, who } from "./render/alert-format.ts";

const MAX_DETAIL = 300;

const lasted = (alert: Alert, until: string) => duration(Date.parse(until) - Date.parse(alert.first_seen));

/**
 * What goes in an alert's thread, for the events someone must notice: a reminder (and a snooze
 * running out), the resolution, and an incident failing again soon after it resolved (the first
 * time it is reopened: flapping). An edit notifies nobody; a thread reply does. Other events only
 * edit the message, so they have no note; so do the resolutions of a flapping incident, which
 * would otherwise notify at every swing (the message shows its state).
 */
export function threadNote(kind: AlertEventKind, alert: Alert): string | undefined {
  const flaps = flapCount(alert.message);
  if (kind === "raised" && flaps === 1 && alert.status === "open") {
    return `:repeat: *${alert.id}* is failing again soon after it resolved (flapping): reopened, this message follows it: ${escapeClipped(withoutFlapNote(alert.message), MAX_DETAIL)}`;
  }
  if (kind === "resolved" && flaps > 0) return undefined;
  if (kind === "reminder") {
    const open = `*${alert.id}* still open after ${lasted(alert, alert.last_seen)}: ${escapeClipped(alert.message, MAX_DETAIL)}`;
    if (snoozeEnded(alert) && alert.snoozed) return `:alarm_clock: Snooze by ${who(alert.snoozed.by)} is over: ${open}`;
    return `:bell: ${open}`;
  }
  if (kind === "resolved") {
    const after = alert.resolved_at ? ` after ${lasted(alert, alert.resolved_at)}` : "";
    const ack = alert.acknowledged ? ` (acknowledged by ${who(alert.acknowledged.by)})` : "";
    // A quota window's resolution is its reset: the notice in the thread says so ("window reset, 12% used").
    const how = alert.source === "monitor" ? `: ${escapeClipped(alert.message, MAX_DETAIL)}` : "";
    return `${RESOLVED_EMOJI} *${alert.id}* resolved${after}${ack}${how}`;
  }
  return undefined;
}
