import type { AlertEvent, AlertEventKind, Notifier } from "../alerts/types.ts";
import type { Logger } from "../log.ts";

// Fixed messages per kind, so the log can be searched for "alert raised" without parsing text.
const MESSAGES: Record<AlertEventKind, string> = {
  raised: "alert raised",
  updated: "alert updated",
  reminder: "alert reminder",
  resolved: "alert resolved",
  acknowledged: "alert acknowledged",
  snoozed: "alert snoozed",
};

// Things that still need someone are warnings; the rest is news.
const LEVELS: Record<AlertEventKind, "warn" | "info"> = {
  raised: "warn",
  updated: "warn",
  reminder: "warn",
  resolved: "info",
  acknowledged: "info",
  snoozed: "info",
};

/** Alert events as log lines: beside the outbox in every process (FanOutNotifier), and alone where no delivery is wired. */
export class LogNotifier implements Notifier {
  constructor(private readonly log: Logger) {}

  async notify({ kind, alert }: AlertEvent): Promise<void> {
    const fields = {
      alert: alert.id,
      source: alert.source,
      check: alert.check,
      node: alert.node,
      ...(alert.nodes.length > 0 ? { nodes: alert.nodes } : {}),
      severity: alert.severity,
      kind,
      detail: alert.message,
      ...(kind === "acknowledged" && alert.acknowledged ? { by: alert.acknowledged.by } : {}),
      ...(kind === "snoozed" && alert.snoozed ? { by: alert.snoozed.by, until: alert.snoozed.until } : {}),
    };
    this.log[LEVELS[kind]](fields, MESSAGES[kind]);
  }
}
