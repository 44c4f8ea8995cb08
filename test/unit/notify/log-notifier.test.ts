import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pino from "pino";
import type { Alert } from "../../../src/alerts/types.ts";
import { LogNotifier } from "../../../src/notify/log-notifier.ts";

function jsonLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: "debug" }, { write: (s: string) => lines.push(JSON.parse(s) as Record<string, unknown>) });
  return { log, lines };
}

const alert: Alert = {
  id: "A7", source: "guardian", check: "ssh_connection", node: "node-2", nodes: [], severity: "critical", status: "open",
  first_seen: "2025-03-01T10:00:00.000Z", last_seen: "2025-03-01T10:00:00.000Z", resolved_at: null, attempts: 0, message: "host key changed",
};

describe("LogNotifier", () => {
  it("writes one fixed-message line per event with the alert in fields", async () => {
    const { log, lines } = jsonLogger();
    await new LogNotifier(log).notify({ kind: "raised", alert });
    assert.equal(lines.length, 1);
    const { level, msg, alert: id, check, node, severity, kind, detail } = lines[0]!;
    assert.deepEqual({ level, msg, id, check, node, severity, kind, detail }, {
      level: 40, msg: "alert raised", id: "A7", check: "ssh_connection", node: "node-2", severity: "critical", kind: "raised", detail: "host key changed",
    });
  });

  it("logs reminders and updates as warnings, resolutions, acks and snoozes as info", async () => {
    const { log, lines } = jsonLogger();
    const n = new LogNotifier(log);
    await n.notify({ kind: "updated", alert });
    await n.notify({ kind: "reminder", alert });
    await n.notify({ kind: "resolved", alert: { ...alert, status: "resolved" } });
    await n.notify({ kind: "acknowledged", alert: { ...alert, acknowledged: { by: "cli:alice", at: alert.last_seen } } });
    await n.notify({ kind: "snoozed", alert: { ...alert, snoozed: { by: "cli:bob", until: "2025-03-01T11:00:00.000Z" } } });
    assert.deepEqual(lines.map((l) => [l.level, l.msg]), [
      [40, "alert updated"], [40, "alert reminder"], [30, "alert resolved"], [30, "alert acknowledged"], [30, "alert snoozed"],
    ]);
    assert.equal(lines[3]?.by, "cli:alice");
    assert.deepEqual([lines[4]?.by, lines[4]?.until], ["cli:bob", "2025-03-01T11:00:00.000Z"]);
  });

  it("names the nodes of a grouped alert", async () => {
    const { log, lines } = jsonLogger();
    await new LogNotifier(log).notify({ kind: "raised", alert: { ...alert, node: null, nodes: ["node-1", "node-2"] } });
    assert.deepEqual([lines[0]?.node, lines[0]?.nodes], [null, ["node-1", "node-2"]]);
  });
});
