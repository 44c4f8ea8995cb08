import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isMissed } from "../../../src/scheduler/catch-up.ts";
import { nextSlot, previousSlot } from "../../../src/scheduler/cron-slots.ts";

const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Every fire time of `expression` in [from, to), walked with nextSlot as `jobs` and the scheduler see them. */
function slotsBetween(expression: string, timezone: string, from: string, to: string): string[] {
  const slots: string[] = [];
  for (let t = nextSlot(expression, timezone, new Date(at(from).getTime() - 1)); t && t < at(to); t = nextSlot(expression, timezone, t)) {
    slots.push(t.toISOString());
  }
  return slots;
}

describe("cron slots beyond a week", () => {
  it("a monthly schedule has a previous and a next slot, weeks away", () => {
    assert.equal(iso(previousSlot("0 3 1 * *", "UTC", at("2026-11-27T09:00:00Z"))), "2026-11-01T03:00:00.000Z");
    assert.equal(iso(nextSlot("0 3 1 * *", "UTC", at("2026-11-27T09:00:00Z"))), "2026-12-01T03:00:00.000Z");
  });

  it("a slot exactly at the reference time is neither previous nor next", () => {
    assert.equal(iso(previousSlot("0 3 1 * *", "UTC", at("2026-11-01T03:00:00Z"))), "2026-10-01T03:00:00.000Z");
    assert.equal(iso(nextSlot("0 3 1 * *", "UTC", at("2026-11-01T03:00:00Z"))), "2026-12-01T03:00:00.000Z");
  });

  it("a weekly schedule (Mondays 09:00) has its slots a week apart", () => {
    // 2026-11-27 is a Friday.
    assert.equal(iso(previousSlot("0 9 * * 1", "UTC", at("2026-11-27T09:00:00Z"))), "2026-11-23T09:00:00.000Z");
    assert.equal(iso(nextSlot("0 9 * * MON", "UTC", at("2026-11-27T09:00:00Z"))), "2026-11-30T09:00:00.000Z");
  });

  it("a yearly schedule finds last year's slot", () => {
    assert.equal(iso(previousSlot("0 0 1 1 *", "UTC", at("2026-11-27T09:00:00Z"))), "2026-01-01T00:00:00.000Z");
  });

  it("an expression that can never fire has no next slot", () => {
    assert.equal(nextSlot("0 0 30 2 *", "UTC", at("2026-11-27T09:00:00Z")), null);
  });
});

describe("cron slots on DST days (Europe/Berlin)", () => {
  const tz = "Europe/Berlin";

  it("a daily 02:30 job runs once on spring-forward day, at 03:00 local time when 02:30 does not exist", () => {
    // 2026-03-29: clocks go from 02:00 CET to 03:00 CEST; 03:00 CEST is 01:00 UTC.
    assert.deepEqual(slotsBetween("30 2 * * *", tz, "2026-03-27T23:00:00Z", "2026-03-30T22:00:00Z"), [
      "2026-03-28T01:30:00.000Z",
      "2026-03-29T01:00:00.000Z",
      "2026-03-30T00:30:00.000Z",
    ]);
  });

  it("a daily 02:30 job runs once, not twice, on fall-back day", () => {
    // 2026-10-25: 02:00-03:00 happens twice (CEST then CET); only the first 02:30 (00:30 UTC) fires.
    assert.deepEqual(slotsBetween("30 2 * * *", tz, "2026-10-23T22:00:00Z", "2026-10-26T23:00:00Z"), [
      "2026-10-24T00:30:00.000Z",
      "2026-10-25T00:30:00.000Z",
      "2026-10-26T01:30:00.000Z",
    ]);
    // Looking back from after the second 02:30, the slot is still the first one.
    assert.equal(iso(previousSlot("30 2 * * *", tz, at("2026-10-25T01:45:00Z"))), "2026-10-25T00:30:00.000Z");
  });

  it("each default daily job (backup 03:00, report 09:00) runs once on each DST day", () => {
    for (const day of [
      { from: "2026-03-28T23:00:00Z", to: "2026-03-29T22:00:00Z" }, // 2026-03-29 local, 23 hours long
      { from: "2026-10-24T22:00:00Z", to: "2026-10-25T23:00:00Z" }, // 2026-10-25 local, 25 hours long
    ]) {
      assert.equal(slotsBetween("0 3 * * *", tz, day.from, day.to).length, 1, `backup on ${day.from}`);
      assert.equal(slotsBetween("0 9 * * *", tz, day.from, day.to).length, 1, `report on ${day.from}`);
    }
  });

  it("an hourly job skips the hour that does not exist and runs in both copies of the repeated hour", () => {
    // Interval jobs follow the clock: 23 runs on spring-forward day, 25 on fall-back day.
    assert.equal(slotsBetween("0 * * * *", tz, "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z").length, 23);
    assert.equal(slotsBetween("0 * * * *", tz, "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z").length, 25);
  });
});

describe("catch-up of long schedules", () => {
  const monthly = { cron: "0 3 1 * *" };

  it("sees a missed monthly run, weeks after its slot", () => {
    const history = { lastRunAt: at("2026-10-01T03:00:00Z"), lastSuccessAt: at("2026-10-01T03:00:00Z") };
    assert.equal(isMissed(monthly, history, at("2026-11-20T12:00:00Z"), "UTC"), true);
  });

  it("a monthly run that succeeded after its latest slot is not missed", () => {
    const history = { lastRunAt: at("2026-11-01T03:00:04Z"), lastSuccessAt: at("2026-11-01T03:00:04Z") };
    assert.equal(isMissed(monthly, history, at("2026-11-20T12:00:00Z"), "UTC"), false);
  });

  it("a missed weekly run is seen in the job's timezone", () => {
    // Mondays 09:00 Berlin = 08:00 UTC in November; the last success was the Monday before.
    const history = { lastRunAt: at("2026-11-16T08:00:02Z"), lastSuccessAt: at("2026-11-16T08:00:02Z") };
    assert.equal(isMissed({ cron: "0 9 * * 1" }, history, at("2026-11-23T07:59:00Z"), "Europe/Berlin"), false);
    assert.equal(isMissed({ cron: "0 9 * * 1" }, history, at("2026-11-23T08:01:00Z"), "Europe/Berlin"), true);
  });
});
