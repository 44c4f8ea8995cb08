import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withDeadline } from "../../../src/notify/with-deadline.ts";

describe("withDeadline", () => {
  it("passes a timely result through and rejects a late one", async () => {
    assert.equal(await withDeadline(Promise.resolve(7), 1_000, "x"), 7);
    await assert.rejects(withDeadline(new Promise(() => undefined), 20, "slack"), /slack did not answer within 20 ms/);
  });
});
