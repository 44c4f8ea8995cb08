import { toAlert, type AlertRow } from "../alerts/alert-row.ts";
import type { Alert } from "../alerts/types.ts";
import { silenceCovers, type TagsOf } from "./match.ts";
import { endOf, type Silence } from "./types.ts";

export interface ReleaseNotice {
  /** Outbox key: one notice per alert per silence, however many processes handle the end. */
  key: string;
  /** A raise when nothing about the alert reached anyone yet, else a reminder (a reply in its thread). */
  kind: "raised" | "reminder";
  alert: Alert;
}

export interface ReleaseInput {
  /** Silences whose end is being handled now. */
  ended: readonly Silence[];
  /** Silences still in force: an alert one of them covers stays quiet. */
  active: readonly Silence[];
  /** Unresolved alerts, as state.db has them. */
  open: readonly AlertRow[];
  now: Date;
  tagsOf: TagsOf;
  announced(alertId: string): boolean;
}

/** Open and nobody's on it: not acknowledged, and not snoozed beyond now. */
function waiting(row: AlertRow, now: Date): boolean {
  if (row.status === "open") return true;
  return row.status === "snoozed" && row.snooze_until !== null && Date.parse(row.snooze_until) <= now.getTime();
}

/**
 * What the end of these silences notifies, as a pure function of the rows and `now`: each alert an
 * ended silence covered that is still open and unacknowledged, no longer covered by any silence,
 * and not already notified since the silence ended (a reminder that went out meanwhile was news
 * enough). An alert that first appeared after the silence ended was never held by it.
 */
export function releaseNotices(input: ReleaseInput): ReleaseNotice[] {
  const notices: ReleaseNotice[] = [];
  for (const row of input.open) {
    if (!waiting(row, input.now)) continue;
    const alert = toAlert(row);
    const held = input.ended.filter((s) => silenceCovers(s.match, alert, input.tagsOf) && alert.first_seen < endOf(s));
    if (held.length === 0) continue;
    if (input.active.some((s) => silenceCovers(s.match, alert, input.tagsOf))) continue;
    const last = held.reduce((a, b) => (endOf(b) > endOf(a) ? b : a));
    if (row.last_notified_at !== null && row.last_notified_at >= endOf(last)) continue;
    notices.push({ key: `alert:${alert.id}:silence-over:${last.id}`, kind: input.announced(alert.id) ? "reminder" : "raised", alert });
  }
  return notices;
}
