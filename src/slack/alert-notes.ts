import { flapCount, withoutFlapNote } from "../alerts/flapping.ts";
import type { AlertEventKind, Alert } from "../alerts/types.ts";
import { duration, escapeClipped, RESOLVED_EMOJI, snoozeEnded, who } from "./render/alert-format.ts";
import { plainView, type View } from "../render/view.ts";

const MAX_DETAIL = 300;

const lasted = (alert: Alert, until: string, view: View) => duration(Date.parse(until) - Date.parse(alert.first_seen), view);

/**
 * What goes in an alert's thread, for the events someone must notice: a reminder (and a snooze
 * running out), the resolution, and an incident failing again soon after it resolved (the first
 * time it is reopened: flapping). An edit notifies nobody; a thread reply does. Other events only
 * edit the message, so they have no note; so do the resolutions of a flapping incident, which
 * would otherwise notify at every swing (the message shows its state).
 */
export function threadNote(kind: AlertEventKind, alert: Alert, view: View = plainView()): string | undefined {
  const { t } = view;
  const flaps = flapCount(alert.message);
  if (kind === "raised" && flaps === 1 && alert.status === "open") {
    return t("alerts.noteFlapping", { id: alert.id, message: escapeClipped(withoutFlapNote(alert.message), MAX_DETAIL) });
  }
  if (kind === "resolved" && flaps > 0) return undefined;
  if (kind === "reminder") {
    const open = t("alerts.noteStillOpen", { id: alert.id, duration: lasted(alert, alert.last_seen, view), message: escapeClipped(alert.message, MAX_DETAIL) });
    if (snoozeEnded(alert) && alert.snoozed) return t("alerts.noteSnoozeOver", { who: who(alert.snoozed.by), open });
    return `:bell: ${open}`;
  }
  if (kind === "resolved") {
    const after = alert.resolved_at ? t("alerts.noteAfter", { duration: lasted(alert, alert.resolved_at, view) }) : "";
    const ack = alert.acknowledged ? t("alerts.noteAckBy", { who: who(alert.acknowledged.by) }) : "";
    // A quota window's resolution is its reset: the notice in the thread says so ("window reset, 12% used").
    const how = alert.source === "monitor" ? `${t("alerts.sep")}${escapeClipped(alert.message, MAX_DETAIL)}` : "";
    return t("alerts.noteResolved", { emoji: RESOLVED_EMOJI, id: alert.id, after, ack, how });
  }
  return undefined;
}
