import type { Alert, AlertAction, AlertSource, AlertStatus, Severity } from "./types.ts";

/** One row of state.db's `alerts` table (migration 2), column for column. */
export interface AlertRow {
  id: string;
  seq: number;
  source: AlertSource;
  check_name: string;
  node: string | null;
  /** JSON text of a string array; null when never grouped. */
  nodes: string | null;
  severity: Severity;
  status: AlertStatus;
  first_seen: string;
  last_seen: string;
  resolved_at: string | null;
  attempts: number;
  message: string;
  /** When the last raise or reminder went out; null while none has been delivered. */
  last_notified_at: string | null;
  ack_by: string | null;
  ack_at: string | null;
  ack_reason: string | null;
  snooze_until: string | null;
  snooze_by: string | null;
  snooze_reason: string | null;
  /** JSON text of AlertAction[] (migration 11); null when none fits. */
  actions?: string | null;
}

/**
 * The contract's alert, fields in the contract's order. `acknowledged` and `snoozed` record the
 * latest ack and snooze and stay as history; `status` says which one is in force.
 */
export function toAlert(row: AlertRow): Alert {
  const alert: Alert = {
    id: row.id,
    source: row.source,
    check: row.check_name,
    node: row.node,
    nodes: row.nodes ? (JSON.parse(row.nodes) as string[]) : [],
    severity: row.severity,
    status: row.status,
    first_seen: row.first_seen,
    last_seen: row.last_seen,
    resolved_at: row.resolved_at,
    attempts: row.attempts,
    message: row.message,
  };
  if (row.ack_by && row.ack_at) {
    alert.acknowledged = { by: row.ack_by, at: row.ack_at, ...(row.ack_reason ? { reason: row.ack_reason } : {}) };
  }
  if (row.actions) {
    const actions = JSON.parse(row.actions) as AlertAction[];
    if (actions.length > 0) alert.actions = actions;
  }
  if (row.snooze_until && row.snooze_by) {
    alert.snoozed = { until: row.snooze_until, by: row.snooze_by, ...(row.snooze_reason ? { reason: row.snooze_reason } : {}) };
  }
  return alert;
}
