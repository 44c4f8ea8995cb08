import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dispatchStateFor } from "../../../../jobs/guardian/dispatch-state.ts";

describe("dispatchStateFor", () => {
  it("keeps a reachable node the monitor holds paused, and online otherwise", () => {
    assert.equal(dispatchStateFor(true, true), "paused");
    assert.equal(dispatchStateFor(true, false), "online");
  });

  it("marks an unreachable node offline whether or not the monitor holds it", () => {
    assert.equal(dispatchStateFor(false, true), "offline");
    assert.equal(dispatchStateFor(false, false), "offline");
  });
});
