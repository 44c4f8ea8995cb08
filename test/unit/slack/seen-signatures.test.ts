// The memory behind HTTP mode's replay refusal: one signature, one run, while Bolt would still
// accept its timestamp; bounded however many requests come.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { REPLAY_WINDOW_MS, SeenSignatures } from "../../../src/slack/seen-signatures.ts";

describe("SeenSignatures", () => {
  const T0 = Date.parse("2026-11-27T10:00:00Z");

  it("refuses a signature seen before while its timestamp is within 5 minutes", () => {
    let now = T0;
    const seen = new SeenSignatures(() => now);
    assert.equal(seen.firstSight("v0=aa", T0 / 1000), true);
    assert.equal(seen.firstSight("v0=bb", T0 / 1000), true, "another request, same second");
    now += REPLAY_WINDOW_MS - 1000;
    assert.equal(seen.firstSight("v0=aa", T0 / 1000), false);
  });

  it("remembers a request stamped ahead of the clock until that stamp is 5 minutes old", () => {
    let now = T0;
    const seen = new SeenSignatures(() => now);
    const ahead = (T0 + 4 * 60_000) / 1000;
    assert.equal(seen.firstSight("v0=cc", ahead), true);
    now = T0 + 8 * 60_000; // Bolt still accepts it: 4 minutes after its stamp
    assert.equal(seen.firstSight("v0=cc", ahead), false);
  });

  it("forgets signatures once Bolt would refuse them as stale anyway", () => {
    let now = T0;
    const seen = new SeenSignatures(() => now);
    seen.firstSight("v0=dd", T0 / 1000);
    now += REPLAY_WINDOW_MS + 1;
    seen.firstSight("v0=ee", now / 1000);
    assert.equal(seen.size, 1);
  });

  it("stays bounded, forgetting the oldest first", () => {
    const seen = new SeenSignatures(() => T0, REPLAY_WINDOW_MS, 3);
    for (const s of ["a", "b", "c", "d"]) seen.firstSight(s, T0 / 1000);
    assert.equal(seen.size, 3);
    assert.equal(seen.firstSight("d", T0 / 1000), false);
    assert.equal(seen.firstSight("a", T0 / 1000), true, "the oldest was dropped");
  });
});
