// A Codex rollout line into windows: named by window_minutes, resets from resets_at (epoch s) or
// an older CLI's resets_in_seconds counted from the line's timestamp, and never a guess.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { codexReadingAt, parseCodexRollout } from "../../../../src/monitor/agents/sources/codex-rollout.ts";
import { windowName } from "../../../../src/monitor/agents/sources/window-name.ts";

const line = (rateLimits: Record<string, unknown>, timestamp = "2026-12-01T10:00:00.000Z") => ({
  line: { timestamp, type: "event_msg", payload: { type: "token_count", info: null, rate_limits: rateLimits } },
});

describe("parseCodexRollout", () => {
  it("names windows by their length whatever slot they are in, resets from epoch seconds", () => {
    const p = parseCodexRollout(line({
      limit_id: "codex", plan_type: "prolite",
      primary: { used_percent: 54, window_minutes: 10080, resets_at: 1796637600 },
      secondary: { used_percent: 96, window_minutes: 300, resets_at: 1796133600 },
    }));
    assert.ok("windows" in p);
    assert.deepEqual(p.windows.map((w) => [w.window, w.usedPct, w.windowSeconds, w.resetsAt]), [
      ["weekly", 54, 604_800, "2026-12-07T10:00:00.000Z"],
      ["5h", 96, 18_000, "2026-12-01T14:00:00.000Z"],
    ]);
    assert.equal(p.note, "plan prolite");
  });

  it("reads an older CLI's resets_in_seconds from the line's own timestamp, and no limit_id or plan", () => {
    const p = parseCodexRollout(line({ primary: { used_percent: 7, window_minutes: 300, resets_in_seconds: 5400 }, secondary: null }));
    assert.ok("windows" in p);
    assert.deepEqual(p.windows.map((w) => [w.window, w.resetsAt]), [["5h", "2026-12-01T11:30:00.000Z"]]);
    assert.equal(p.note, undefined);
  });

  it("calls a line it cannot read unrecognised instead of guessing", () => {
    assert.ok("unrecognised" in parseCodexRollout({ line: { type: "event_msg" } }));
    assert.ok("unrecognised" in parseCodexRollout(line({ primary: { used_percent: 7 }, secondary: null })));
    assert.ok("unrecognised" in parseCodexRollout(line({ primary: null, secondary: null })));
  });

  it("takes the reading's time from the line", () => {
    assert.equal(codexReadingAt(line({}, "2026-12-01T10:00:00Z")), "2026-12-01T10:00:00.000Z");
    assert.equal(codexReadingAt({ line: {} }), null);
  });
});

describe("windowName", () => {
  it("says 5h, weekly, days, hours or minutes", () => {
    assert.deepEqual([300, 10080, 1440, 120, 15].map(windowName), ["5h", "weekly", "1d", "2h", "15m"]);
  });
});
