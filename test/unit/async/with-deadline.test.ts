import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withDeadline } from "../../../src/async/with-deadline.ts";

describe("withDeadline", () => {
  it("passes the work's result through when it is in time", async () => {
    let cut = false;
    assert.equal(await withDeadline(Promise.resolve(7), 1000, () => ((cut = true), new Error("late"))), 7);
    assert.equal(cut, false);
  });

  it("rejects with the timeout error and calls onTimeout when the work stalls", async () => {
    let cut = false;
    const stalled = new Promise<number>(() => {});
    await assert.rejects(withDeadline(stalled, 20, () => ((cut = true), new Error("late"))), /late/);
    assert.equal(cut, true);
  });

  it("passes the work's own failure through", async () => {
    await assert.rejects(withDeadline(Promise.reject(new Error("denied")), 1000, () => new Error("late")), /denied/);
  });
});
