import type { AlertRow } from "./alert-row.ts";
import { flapCount } from "./flapping.ts";
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

type Resolved = Pick<AlertRow, "message" | "last_notified_at" | "snooze_until">;

/**
 * What a failure means for an incident that resolved less than flapMinutes ago: it is reopened
 * (same alert, same message), not raised anew. The first reopening is news (someone saw it
 * resolve): a raise, which edits the alert's message and says in its thread that it is failing
 * again. Later ones while it flaps are edits, with a reminder once reminderMinutes have passed
 * since the last notice, as for any open alert. A snooze still running keeps it quiet.
 */
export function decideReopen(prev: Resolved, now: Date, reminderMinutes: number): RaiseDecision {
  if (prev.snooze_until !== null && Date.parse(prev.snooze_until) > now.getTime()) return { status: "snoozed", event: "updated" };
  if (flapCount(prev.message) === 0 || prev.last_notified_at === null) return { status: "open", event: "raised" };
  const due = now.getTime() - Date.parse(prev.last_notified_at) >= reminderMinutes * 60_000;
  return { status: "open", event: due ? "reminder" : "updated" };
}
