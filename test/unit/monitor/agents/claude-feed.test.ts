// The feed Oyster's status-line hook writes, into windows: a window Claude Code did not pass is
// left out (unknown, never 0%), and a feed of another shape is unrecognised.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseClaudeFeed } from "../../../../src/monitor/agents/sources/claude-feed.ts";

const feed = (rate_limits: unknown) => ({ feed: { version: 1, written_at: "2026-12-01T10:00:00Z", rate_limits } });

describe("parseClaudeFeed", () => {
  it("reads five_hour and seven_day as 5h and weekly, resets from epoch seconds", () => {
    const p = parseClaudeFeed(feed({ five_hour: { used_percentage: 23.5, resets_at: 1796133600 }, seven_day: { used_percentage: 41.2, resets_at: 1796637600 } }));
    assert.ok("windows" in p);
    assert.deepEqual(p.windows.map((w) => [w.window, w.usedPct, w.windowSeconds, w.resetsAt]), [
      ["5h", 23.5, 18_000, "2026-12-01T14:00:00.000Z"],
      ["weekly", 41.2, 604_800, "2026-12-07T10:00:00.000Z"],
    ]);
  });

  it("leaves a window with no data out", () => {
    const p = parseClaudeFeed(feed({ five_hour: { used_percentage: 5, resets_at: 1796133600 } }));
    assert.ok("windows" in p);
    assert.deepEqual(p.windows.map((w) => w.window), ["5h"]);
  });

  it("has no windows, and says why, before Claude Code passed any", () => {
    const p = parseClaudeFeed(feed(null));
    assert.ok("windows" in p);
    assert.equal(p.windows.length, 0);
    assert.match(p.note!, /no rate limits passed yet/);
  });

  it("calls anything else unrecognised", () => {
    assert.ok("unrecognised" in parseClaudeFeed({ feed: { rate_limits: {} } }));
    assert.ok("unrecognised" in parseClaudeFeed(feed({ five_hour: { utilization: 5 } })));
  });
});
