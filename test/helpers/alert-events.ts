import type { Alert, AlertEvent, AlertEventKind } from "../../src/alerts/types.ts";

/** A guardian alert as the AlertBook hands it over; override what a test cares about. */
export function sampleAlert(over: Partial<Alert> = {}): Alert {
  return {
    id: "A7", source: "guardian", check: "node_availability", node: "node-2", nodes: [], severity: "critical", status: "open",
    first_seen: "2026-03-01T10:00:00.000Z", last_seen: "2026-03-01T10:00:00.000Z", resolved_at: null, attempts: 2,
    message: "does not answer; restarted agent-daemon twice, still down", ...over,
  };
}

export function alertEvent(kind: AlertEventKind, over: Partial<Alert> = {}): AlertEvent {
  return { kind, alert: sampleAlert(over) };
}
