import type { AlertRow } from "./alert-row.ts";
import type { AlertEventKind, AlertSignal, AlertStatus } from "./types.ts";

export interface RaiseDecision {
  /** The status after this sighting: a snooze that has run out is back to open. */
  status: AlertStatus;
  /** What to tell the notifier, or null to stay silent. */
  event: Exclude<AlertEventKind, "resolved" | "acknowledged" | "snoozed"> | null;
}

type Prev = Pick<AlertRow, "status" | "message" | "severity" | "last_notified_at" | "snooze_until"> & Partial<Pick<AlertRow, "actions">>;

/**
 * What a repeated sighting of an unresolved alert means, as a pure function of (previous row,
 * signal, now) so the timing is tested with a fake clock. Only raises and reminders count as
 * "notified": an in-place update is not something a person notices, so it must not postpone the
 * reminder.
 */
export function decideRaise(prev: Prev, signal: Pick<AlertSignal, "message" | "severity" | "actions">, now: Date, reminderMinutes: number): RaiseDecision {
  const snoozeOver = prev.status === "snoozed" && prev.snooze_until !== null && Date.parse(prev.snooze_until) <= now.getTime();
  const status: AlertStatus = snoozeOver ? "open" : prev.status;
  // New actions redraw the buttons: a button drawn for the old ones would be refused as stale.
  const actions = signal.actions && signal.actions.length > 0 ? JSON.stringify(signal.actions) : null;
  const changed = prev.message !== signal.message || prev.severity !== signal.severity || (prev.actions ?? null) !== actions;
  if (status === "open") {
    // The first notice never got through (the notifier threw): try it again as a raise.
    if (prev.last_notified_at === null) return { status, event: "raised" };
    const due = now.getTime() - Date.parse(prev.last_notified_at) >= reminderMinutes * 60_000;
    // A reminder carries the whole current alert, so it also delivers any change.
    if (snoozeOver || due) return { status, event: "reminder" };
  }
  return { status, event: changed ? "updated" : null };
}
