// Z.ai writes its 1308 reset time in Beijing time with no zone marker.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { beijingTimeIn } from "../../../../src/monitor/providers/beijing-time.ts";

describe("beijingTimeIn", () => {
  it("reads the reset time in a 1308 message as UTC+8", () => {
    const message = "Usage limit reached for 5 hour. Your limit will reset at 2026-09-09 05:38:28";
    assert.equal(beijingTimeIn(message), "2026-09-08T21:38:28.000Z");
  });

  it("crosses midnight and month ends backwards", () => {
    assert.equal(beijingTimeIn("reset at 2026-03-01 07:00:00"), "2026-02-28T23:00:00.000Z");
  });

  it("gives null when the message names no time", () => {
    assert.equal(beijingTimeIn("Usage limit reached for 5 hour."), null);
  });
});
