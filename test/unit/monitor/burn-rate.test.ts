// The burn rate of one window from its recent samples, with fixed numbers: when it runs out at
// this pace, whether that is before the reset, and when there is too little to say.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { countdown, forecast } from "../../../src/monitor/burn-rate.ts";
import type { QuotaSample } from "../../../src/monitor/quota-samples.ts";

const NOW = new Date("2026-11-30T12:00:00.000Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();
const RESET_IN_3H = new Date(NOW.getTime() + 3 * 3600_000).toISOString();

let id = 0;
const sample = (agoMin: number, usedPct: number | null, resetsAt: string | null = RESET_IN_3H): QuotaSample => ({
  id: ++id, at: minutesAgo(agoMin), provider: "zai", account: "glm", window: "5h tokens", windowSeconds: 18_000,
  used: null, limit: null, remaining: null, usedPct, resetsAt, status: usedPct !== null && usedPct >= 100 ? "exhausted" : "ok",
});

describe("forecast", () => {
  it("runs out in ~1h40m before a reset in 3h at 30% an hour from 50%", () => {
    // 35% -> 50% over the last 30 minutes: 30%/h; 50% left takes 1h40m.
    const f = forecast([sample(30, 35), sample(15, 42.5), sample(0, 50)], NOW);
    assert.deepEqual(f, { text: "at this pace it runs out in ~1h40m, before the reset in 3h", runsOutAt: "2026-11-30T13:40:00.000Z", beforeReset: true });
  });

  it("lasts until the reset when the pace would run out after it", () => {
    // 10%/h from 50%: runs out in 5h, the reset comes in 3h.
    const f = forecast([sample(60, 40), sample(0, 50)], NOW);
    assert.equal(f?.text, "lasts until the reset");
    assert.equal(f?.beforeReset, false);
    assert.equal(f?.runsOutAt, "2026-11-30T17:00:00.000Z");
  });

  it("lasts until the reset when usage does not grow", () => {
    assert.deepEqual(forecast([sample(10, 50), sample(0, 50)], NOW), { text: "lasts until the reset", runsOutAt: null, beforeReset: false });
  });

  it("counts only the samples since the last reset (a fall in used %)", () => {
    // 90% before the reset, then 5% -> 20% in 30 min: 30%/h; 80% left takes 2h40m, inside the 3h.
    const f = forecast([sample(60, 90), sample(30, 5), sample(0, 20)], NOW);
    assert.equal(f?.text, "at this pace it runs out in ~2h40m, before the reset in 3h");
  });

  it("says only when it runs out when the reset time is unknown", () => {
    const f = forecast([sample(60, 20, null), sample(0, 60, null)], NOW);
    assert.deepEqual(f, { text: "at this pace it runs out in ~1h", runsOutAt: "2026-11-30T13:00:00.000Z", beforeReset: true });
  });

  it("says exhausted until the reset at 100%", () => {
    assert.equal(forecast([sample(5, 97), sample(0, 100)], NOW)?.text, "exhausted until the reset in 3h");
  });

  it("is null with fewer than two usable samples", () => {
    assert.equal(forecast([], NOW), null);
    assert.equal(forecast([sample(0, 50)], NOW), null);
    assert.equal(forecast([sample(5, null), sample(0, 50)], NOW), null);
    // A reset between the two leaves one sample in the current period.
    assert.equal(forecast([sample(5, 80), sample(0, 3)], NOW), null);
  });

  it("formats countdowns in minutes, hours and days", () => {
    assert.deepEqual([countdown(40 * 60_000), countdown(3 * 3600_000), countdown(100 * 60_000), countdown(51 * 3600_000), countdown(-5000)], ["40m", "3h", "1h40m", "2d3h", "0m"]);
  });
});
