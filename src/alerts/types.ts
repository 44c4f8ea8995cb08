/** The contract's alert, as stored in state.db and written to `guardian_alerts/<id>.json`. */
export type AlertSource = "guardian" | "monitor" | "backup" | "oci" | "config";
export type Severity = "info" | "warning" | "critical";
export type AlertStatus = "open" | "acknowledged" | "snoozed" | "resolved";

/**
 * An action that fits an alert, offered as a button beside Acknowledge and Snooze: the exact
 * `oyster` command line it runs (so roles, the plan, the confirmation and the audit apply as if
 * typed). `private`: the answer is shown only to whoever clicked (a journal, a log).
 */
export interface AlertAction {
  label: string;
  argv: string[];
  private?: boolean;
}

export interface Alert {
  id: string;
  source: AlertSource;
  check: string;
  /** null for fleet-wide alerts (db_schema, a storm). */
  node: string | null;
  /** The nodes of a grouped alert (a storm); [] otherwise. */
  nodes: string[];
  severity: Severity;
  status: AlertStatus;
  first_seen: string;
  last_seen: string;
  resolved_at: string | null;
  attempts: number;
  message: string;
  acknowledged?: { by: string; at: string; reason?: string };
  snoozed?: { until: string; by: string; reason?: string };
  /** What can be done about it from the alert itself (buttons in Slack). */
  actions?: AlertAction[];
}

/** What a job says about a failing (check, node) once it should be alerted on. */
export interface AlertSignal {
  source: AlertSource;
  check: string;
  node: string | null;
  nodes?: string[];
  severity: Severity;
  message: string;
  attempts: number;
  /** The actions that fit now; they replace the alert's previous ones (none: no buttons). */
  actions?: AlertAction[];
}

export type AlertEventKind = "raised" | "updated" | "reminder" | "resolved" | "acknowledged" | "snoozed";

export interface AlertEvent {
  kind: AlertEventKind;
  alert: Alert;
}

/**
 * Where alert events go: the outbox (then Slack, one message per incident updated in place, or
 * email), beside a log line; the log alone where no delivery is wired.
 */
export interface Notifier {
  notify(event: AlertEvent): Promise<void>;
}
