import type { AlertEvent } from "../alerts/types.ts";

/**
 * The idempotency key of an alert event. Two sends of one event share it; two events differ in
 * it. The alert id and kind alone are not enough (an alert is updated, reminded, acked many
 * times), so each kind adds the timestamp that the change itself wrote to the alert row, which
 * is the same however often the event is handed over:
 * - raised / updated / reminder: `last_seen` (every sighting sets it);
 * - resolved: `resolved_at`; acknowledged: the ack's `at`; snoozed: the snooze's `until`
 *   (these changes do not touch `last_seen`).
 */
export function alertEventKey({ kind, alert }: AlertEvent): string {
  const stamp =
    kind === "resolved" ? (alert.resolved_at ?? alert.last_seen)
    : kind === "acknowledged" ? (alert.acknowledged?.at ?? alert.last_seen)
    : kind === "snoozed" ? (alert.snoozed?.until ?? alert.last_seen)
    : alert.last_seen;
  return `alert:${alert.id}:${kind}:${stamp}`;
}

/**
 * The idempotency key of a report: one per subject per UTC day, so a report job that runs again
 * (catch-up after a crash) does not post the same report twice. The subject carries the counts,
 * so a report that says something different is a different key.
 */
export function reportKey(subject: string, now: Date): string {
  return `report:${subject}:${now.toISOString().slice(0, 10)}`;
}
