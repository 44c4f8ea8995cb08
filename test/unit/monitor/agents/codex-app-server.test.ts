// The answer `codex app-server` gives to account/rateLimits/read, into windows: named by
// windowDurationMins whatever slot they sit in, resets from epoch seconds, plan and credits as a
// note, the Codex bucket when the server sends buckets, and anything else unrecognised.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCodexAppServer } from "../../../../src/monitor/agents/sources/codex-app-server.ts";

const answer = (rateLimits: unknown, more: Record<string, unknown> = {}) => ({ result: { rateLimits, ...more } });
const cells = (p: ReturnType<typeof parseCodexAppServer>) => {
  assert.ok("windows" in p, JSON.stringify(p));
  return p.windows.map((w) => [w.window, w.usedPct, w.windowSeconds, w.resetsAt]);
};

describe("parseCodexAppServer", () => {
  it("reads both windows, named by length, resets from epoch seconds", () => {
    const p = parseCodexAppServer(answer({
      primary: { usedPercent: 25, windowDurationMins: 300, resetsAt: 1796133600 },
      secondary: { usedPercent: 61, windowDurationMins: 10080, resetsAt: 1796637600 },
    }));
    assert.deepEqual(cells(p), [["5h", 25, 18_000, "2026-12-01T14:00:00.000Z"], ["weekly", 61, 604_800, "2026-12-07T10:00:00.000Z"]]);
    assert.ok("windows" in p && p.note === undefined);
  });

  it("reads the documented example: one 15-minute window, secondary null", () => {
    const p = parseCodexAppServer({ result: { rateLimits: { primary: { usedPercent: 25, windowDurationMins: 15, resetsAt: 1730947200 }, secondary: null } } });
    assert.deepEqual(cells(p), [["15m", 25, 900, "2024-11-07T02:40:00.000Z"]]);
  });

  it("names a 10080-minute primary weekly, never by its slot", () => {
    const p = parseCodexAppServer(answer({ primary: { usedPercent: 54, windowDurationMins: 10080, resetsAt: 1796637600 }, secondary: null }));
    assert.deepEqual(cells(p), [["weekly", 54, 604_800, "2026-12-07T10:00:00.000Z"]]);
  });

  it("keeps a window whose reset time is unknown, with no reset", () => {
    const p = parseCodexAppServer(answer({ primary: { usedPercent: 3, windowDurationMins: 300, resetsAt: null }, secondary: null }));
    assert.deepEqual(cells(p), [["5h", 3, 18_000, null]]);
  });

  it("puts plan type, credits and a reached limit in the note", () => {
    const p = parseCodexAppServer(answer({
      primary: { usedPercent: 100, windowDurationMins: 300, resetsAt: 1796133600 }, secondary: null,
      planType: "pro", credits: { hasCredits: true, unlimited: false, balance: "12.50" }, rateLimitReachedType: "rate_limit_reached",
    }));
    assert.ok("windows" in p);
    assert.equal(p.note, "plan pro; credits 12.50; limit reached: rate_limit_reached");
    const none = parseCodexAppServer(answer({ primary: null, secondary: { usedPercent: 1, windowDurationMins: 300 }, credits: { hasCredits: false, unlimited: false, balance: null } }));
    assert.ok("windows" in none);
    assert.equal(none.note, "no credits");
  });

  it("takes the codex bucket when the server sends buckets by limit id", () => {
    const p = parseCodexAppServer(answer(
      { limitId: "default", primary: { usedPercent: 10, windowDurationMins: 60, resetsAt: 1796133600 }, secondary: null },
      { rateLimitsByLimitId: {
        other: { limitId: "other", primary: { usedPercent: 90, windowDurationMins: 300, resetsAt: 1796133600 }, secondary: null },
        codex: { limitId: "codex", primary: { usedPercent: 42, windowDurationMins: 300, resetsAt: 1796133600 }, secondary: { usedPercent: 64, windowDurationMins: 10080, resetsAt: 1796637600 } },
      } },
    ));
    assert.deepEqual(cells(p).map(([w, u]) => [w, u]), [["5h", 42], ["weekly", 64]]);
  });

  it("says no window, not unrecognised, when both slots are null", () => {
    const p = parseCodexAppServer(answer({ primary: null, secondary: null, planType: "plus" }));
    assert.deepEqual(p, { windows: [], note: "codex app-server reported no rate-limit window; plan plus" });
  });

  it("calls a shape it does not know unrecognised instead of guessing", () => {
    for (const data of [
      null,
      { result: null },
      { result: {} },
      { result: { rateLimits: "25%" } },
      answer({}),
      answer({ primary: { usedPercent: 25 }, secondary: null }),
      answer({ primary: { usedPercent: 25, windowDurationMins: null, resetsAt: 1796133600 }, secondary: null }),
      answer({ primary: { windowDurationMins: 300 }, secondary: null }),
      answer({ primary: 25, secondary: null }),
      { rate_limits: { primary: { used_percent: 25, window_minutes: 300 } } },
    ]) {
      const p = parseCodexAppServer(data);
      assert.ok("unrecognised" in p, `${JSON.stringify(data)} -> ${JSON.stringify(p)}`);
    }
  });
});
