import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mapLimit } from "../../../src/async/map-limit.ts";

describe("bounded fan-out", () => {
  it("never has more than the limit in flight and keeps results in input order", async () => {
    let inFlight = 0;
    let peak = 0;
    const items = Array.from({ length: 40 }, (_, i) => i);
    const results = await mapLimit(items, 16, async (i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, (i * 7) % 5));
      inFlight--;
      return i * 2;
    });
    assert.equal(peak, 16);
    assert.deepEqual(results, items.map((i) => i * 2));
  });

  it("handles an empty list", async () => {
    assert.deepEqual(await mapLimit([], 4, async () => 1), []);
  });
});
