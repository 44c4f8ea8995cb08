// An alert's own actions as buttons: after Acknowledge and Snooze, a few at most, within Slack's
// limits, each carrying only the alert id, its index and a fingerprint: never the command line.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Alert, AlertAction } from "../../../src/alerts/types.ts";
import { actionFingerprint, actionValue, parseActionValue } from "../../../src/slack/alert-action-buttons.ts";
import { alertGroupMessage, alertMessage } from "../../../src/slack/alert-message.ts";
import { ALERT_ACTION_BUTTONS_MAX } from "../../../src/slack/render/limits.ts";
import { assertWithinSlackLimits } from "./block-limits.ts";

type B = Record<string, any>;

const restart = (unit: string): AlertAction => ({ label: `Restart ${unit}`, argv: ["restart", "service", "node-1", unit] });

function alert(over: Partial<Alert> = {}): Alert {
  return {
    id: "A7", source: "guardian", check: "node_availability", node: "node-1", nodes: [], severity: "critical", status: "open",
    first_seen: "2026-12-07T09:00:00.000Z", last_seen: "2026-12-07T10:05:00.000Z", resolved_at: null, attempts: 2, message: "node-1: units down", ...over,
  };
}

const buttons = (m: { blocks: B[] }) => m.blocks.filter((b) => b.type === "actions").flatMap((b) => b.elements as B[]);

describe("alert action buttons", () => {
  it("follow Acknowledge and Snooze, one action id per position, the value pointing at the alert and index only", () => {
    const actions = [restart("agent-daemon"), { label: "Show journal agent-daemon", argv: ["units", "node-1", "agent-daemon"], private: true }];
    const m = alertMessage(alert({ actions }));
    const row = buttons(m);
    assert.deepEqual(row.map((b) => b.text.text), ["Acknowledge", "Snooze 1h", "Snooze 24h", "Restart agent-daemon", "Show journal agent-daemon"]);
    assert.deepEqual(row.slice(3).map((b) => [b.action_id, b.value]), [
      ["oyster_alert_run_0", `A7:0:${actionFingerprint(actions[0]!)}`],
      ["oyster_alert_run_1", `A7:1:${actionFingerprint(actions[1]!)}`],
    ]);
    assert.doesNotMatch(JSON.stringify(row), /restart service|units node-1/);
    assertWithinSlackLimits(m);
  });

  it("shows a few at most, and cuts a long label to a button's 75 characters", () => {
    const many = Array.from({ length: 12 }, (_, i) => restart(`unit-${i}-${"x".repeat(90)}`));
    const m = alertMessage(alert({ actions: many }));
    const mine = buttons(m).slice(3);
    assert.equal(mine.length, ALERT_ACTION_BUTTONS_MAX);
    for (const b of mine) assert.equal([...b.text.text].length, 75);
    assertWithinSlackLimits(m);
    // A storm's message: every alert its own row, all within the limits.
    const storm = alertGroupMessage(Array.from({ length: 12 }, (_, i) => alert({ id: `A${i + 1}`, node: `node-${i}`, actions: many })));
    assertWithinSlackLimits(storm);
  });

  it("go with the other buttons once the alert is resolved", () => {
    const m = alertMessage(alert({ status: "resolved", resolved_at: "2026-12-07T10:10:00.000Z", actions: [restart("agent-daemon")] }));
    assert.deepEqual(buttons(m), []);
  });

  it("parses only values of its own shape", () => {
    const a = restart("agent-daemon");
    assert.deepEqual(parseActionValue(actionValue("A12", 3, a)), { alertId: "A12", index: 3, fingerprint: actionFingerprint(a) });
    for (const bad of ["A12", "A12:0", "A12:0:restart", "B1:0:0123456789ab", "A12:-1:0123456789ab", "A12:100:0123456789ab", "A12:0:0123456789ab:x", " A12:0:0123456789ab"]) {
      assert.equal(parseActionValue(bad), undefined, bad);
    }
  });
});
