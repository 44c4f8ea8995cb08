import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { alertEventKey, reportKey } from "../../../src/notify/event-key.ts";
import { retryDelayMs } from "../../../src/notify/retry-delay.ts";
import { alertEvent } from "../../helpers/alert-events.ts";

describe("alertEventKey", () => {
  it("is the same for the same event handed over twice", () => {
    assert.equal(alertEventKey(alertEvent("raised")), alertEventKey(alertEvent("raised")));
    assert.equal(alertEventKey(alertEvent("raised")), "alert:A7:raised:2026-03-01T10:00:00.000Z");
  });

  it("tells apart sightings (updates, reminders) by last_seen", () => {
    const a = alertEventKey(alertEvent("reminder", { last_seen: "2026-03-01T11:00:00.000Z" }));
    const b = alertEventKey(alertEvent("reminder", { last_seen: "2026-03-01T12:00:00.000Z" }));
    assert.notEqual(a, b);
    assert.notEqual(alertEventKey(alertEvent("updated")), alertEventKey(alertEvent("raised")));
  });

  it("uses the time the change itself wrote for resolutions, acks and snoozes", () => {
    const resolved = alertEventKey(alertEvent("resolved", { status: "resolved", resolved_at: "2026-03-01T10:30:00.000Z" }));
    assert.equal(resolved, "alert:A7:resolved:2026-03-01T10:30:00.000Z");
    const ack1 = alertEventKey(alertEvent("acknowledged", { acknowledged: { by: "cli:al", at: "2026-03-01T10:05:00.000Z" } }));
    const ack2 = alertEventKey(alertEvent("acknowledged", { acknowledged: { by: "cli:bo", at: "2026-03-01T10:06:00.000Z" } }));
    assert.notEqual(ack1, ack2, "two acks of one alert (last_seen unchanged) are two events");
    const snooze1 = alertEventKey(alertEvent("snoozed", { snoozed: { by: "cli:al", until: "2026-03-01T11:00:00.000Z" } }));
    const snooze2 = alertEventKey(alertEvent("snoozed", { snoozed: { by: "cli:al", until: "2026-03-01T12:00:00.000Z" } }));
    assert.notEqual(snooze1, snooze2);
  });
});

describe("reportKey", () => {
  it("is one per subject per UTC day", () => {
    const s = "Oyster daily report 2026-03-01: 3/3 nodes up, 0 tasks failed, no alerts open";
    assert.equal(reportKey(s, new Date("2026-03-01T09:00:00Z")), reportKey(s, new Date("2026-03-01T21:00:00Z")));
    assert.notEqual(reportKey(s, new Date("2026-03-01T09:00:00Z")), reportKey(s, new Date("2026-03-02T09:00:00Z")));
  });
});

describe("retryDelayMs", () => {
  it("starts at 30 s, doubles, and stops at 30 min", () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 100].map(retryDelayMs), [30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000, 1_800_000]);
  });
});
