// MiniMax's model_remains[]: the misnamed usage count is what is LEFT.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { minimaxWindows } from "../../../../src/monitor/providers/minimax-windows.ts";

const NOW = new Date("2026-05-15T12:00:00Z");

describe("minimaxWindows", () => {
  it("reads current_interval_usage_count as the remaining count", () => {
    const [w] = minimaxWindows({ model_remains: [{ model_name: "MiniMax-M2", current_interval_total_count: 1500, current_interval_usage_count: 1200 }] }, NOW)!;
    assert.equal(w!.remaining, 1200);
    assert.equal(w!.used, 300);
    assert.equal(w!.usedPct, 20);
  });

  it("prefers current_interval_remaining_percent for used % when present", () => {
    const [w] = minimaxWindows({ model_remains: [{ model_name: "M", current_interval_total_count: 100, current_interval_usage_count: 90, current_interval_remaining_percent: 35 }] }, NOW)!;
    assert.equal(w!.usedPct, 65);
  });

  it("takes the reset from remains_time when end_time is missing", () => {
    const [w] = minimaxWindows({ model_remains: [{ model_name: "M", current_interval_total_count: 10, current_interval_usage_count: 5, remains_time: 5_400_000 }] }, NOW)!;
    assert.equal(w!.resetsAt, "2026-05-15T13:30:00.000Z");
  });

  it("adds the weekly variant as its own window", () => {
    const ws = minimaxWindows({ model_remains: [{
      model_name: "M", current_interval_total_count: 10, current_interval_usage_count: 5,
      current_weekly_total_count: 100, current_weekly_usage_count: 0, weekly_end_time: 1779062400000,
    }] }, NOW)!;
    assert.deepEqual(ws.map((w) => [w.window, w.remaining, w.usedPct, w.windowSeconds]), [["M", 5, 50, null], ["M weekly", 0, 100, 604_800]]);
    assert.equal(ws[1]!.resetsAt, "2026-05-18T00:00:00.000Z");
  });

  it("refuses an entry with no counts at all", () => {
    assert.equal(minimaxWindows({ model_remains: [{ model_name: "M" }] }, NOW), null);
    assert.equal(minimaxWindows({ data: {} }, NOW), null);
  });

  it("reads a 0/0 count pair as no count: the remaining percent decides, nothing is exhausted", () => {
    const ws = minimaxWindows({ model_remains: [{
      model_name: "general", current_interval_total_count: 0, current_interval_usage_count: 0, current_interval_remaining_percent: 96,
      current_weekly_total_count: 0, current_weekly_usage_count: 0, current_weekly_remaining_percent: "99",
    }] }, NOW)!;
    assert.deepEqual(ws.map((w) => [w.window, w.limit, w.remaining, w.usedPct]), [["general", null, null, 4], ["general weekly", null, null, 1]]);
  });

  it("leaves a lane with status 3 out, per lane", () => {
    const ws = minimaxWindows({ model_remains: [
      { model_name: "general", current_interval_status: 1, current_interval_remaining_percent: 50, current_weekly_status: 3, current_weekly_remaining_percent: 100 },
      { model_name: "video", current_interval_status: 3, current_interval_remaining_percent: 100, current_weekly_status: 3, current_weekly_remaining_percent: 100 },
    ] }, NOW)!;
    assert.deepEqual(ws.map((w) => w.window), ["general"]);
  });

  it("notes a boost on the lane it scales, read from either spelling of the field", () => {
    const note = (field: string, value: number) =>
      minimaxWindows({ model_remains: [{ model_name: "g", current_interval_remaining_percent: 80, current_weekly_remaining_percent: 70, [field]: value }] }, NOW)!.map((w) => w.note);
    assert.deepEqual(note("weekly_boost_permille", 1500), [undefined, "allowance boosted ×1.5"]);
    assert.deepEqual(note("weekly_boost_permill", 2000), [undefined, "allowance boosted ×2"]);
    assert.deepEqual(note("weekly_boost_permille", 1000), [undefined, undefined], "×1 is no boost");
  });

  it("keeps real counts when they are not 0/0: total 10 with none left is exhausted by count", () => {
    const [w] = minimaxWindows({ model_remains: [{ model_name: "M", current_interval_total_count: 10, current_interval_usage_count: 0 }] }, NOW)!;
    assert.deepEqual([w!.limit, w!.remaining, w!.usedPct], [10, 0, 100]);
  });
});
