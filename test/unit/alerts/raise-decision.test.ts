import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decideRaise } from "../../../src/alerts/raise-decision.ts";

const at = (m: number) => new Date(Date.parse("2025-03-01T10:00:00Z") + m * 60_000);
const prev = (over: Partial<Parameters<typeof decideRaise>[0]> = {}) => ({
  status: "open" as const,
  message: "down",
  severity: "critical" as const,
  last_notified_at: at(0).toISOString(),
  snooze_until: null,
  ...over,
});
const same = { message: "down", severity: "critical" as const };

describe("decideRaise", () => {
  it("stays silent when nothing changed and no reminder is due", () => {
    assert.deepEqual(decideRaise(prev(), same, at(59), 60), { status: "open", event: null });
  });

  it("reminds exactly when reminderMinutes have passed since the last notice", () => {
    assert.equal(decideRaise(prev(), same, at(59.99), 60).event, null);
    assert.equal(decideRaise(prev(), same, at(60), 60).event, "reminder");
  });

  it("reports a changed message or severity as an update", () => {
    assert.equal(decideRaise(prev(), { ...same, message: "still down" }, at(1), 60).event, "updated");
    assert.equal(decideRaise(prev(), { ...same, severity: "warning" }, at(1), 60).event, "updated");
  });

  it("reports new actions as an update (the buttons are redrawn), and the same ones as nothing", () => {
    const restart = [{ label: "Restart agent-daemon", argv: ["restart", "daemon", "node-2"] }];
    assert.equal(decideRaise(prev(), { ...same, actions: restart }, at(1), 60).event, "updated");
    assert.equal(decideRaise(prev({ actions: JSON.stringify(restart) }), { ...same, actions: restart }, at(1), 60).event, null);
    assert.equal(decideRaise(prev({ actions: JSON.stringify(restart) }), same, at(1), 60).event, "updated");
  });

  it("never reminds about an acknowledged alert, but still reports changes", () => {
    assert.deepEqual(decideRaise(prev({ status: "acknowledged" }), same, at(600), 60), { status: "acknowledged", event: null });
    assert.equal(decideRaise(prev({ status: "acknowledged" }), { ...same, message: "worse" }, at(600), 60).event, "updated");
  });

  it("keeps a snooze quiet until it runs out, then reopens with a reminder", () => {
    const snoozed = prev({ status: "snoozed", snooze_until: at(30).toISOString() });
    assert.deepEqual(decideRaise(snoozed, same, at(29), 60), { status: "snoozed", event: null });
    assert.deepEqual(decideRaise(snoozed, same, at(30), 60), { status: "open", event: "reminder" });
  });

  it("retries an undelivered first notice as a raise", () => {
    assert.equal(decideRaise(prev({ last_notified_at: null }), same, at(1), 60).event, "raised");
  });
});
