// OpenAI's reset headers are Go durations; the monitor turns them into absolute reset times.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseGoDuration } from "../../../../src/monitor/providers/go-duration.ts";

describe("parseGoDuration", () => {
  it("reads the documented forms, fractions included, as milliseconds", () => {
    assert.equal(parseGoDuration("1s"), 1_000);
    assert.equal(parseGoDuration("6m0s"), 360_000);
    assert.equal(parseGoDuration("12ms"), 12);
    assert.equal(parseGoDuration("4m12.172s"), 252_172);
    assert.equal(parseGoDuration("23h18m29.144s"), 83_909_144);
    assert.equal(parseGoDuration("0"), 0);
    assert.equal(parseGoDuration("0.5s"), 500);
  });

  it("gives null for anything that is not a Go duration, instead of zero", () => {
    for (const bad of ["", "soon", "6m0", "12", "1d", "2025-08-21T12:40:59Z", "4m 12s"]) assert.equal(parseGoDuration(bad), null, bad);
  });
});
