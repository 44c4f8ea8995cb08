// An open resource alert's message follows the reading only when it means something: a new
// severity, or a move of 5 points or more; a creeping disk edits nothing (and mails nothing).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stableMessage } from "../../../src/resources/stable-message.ts";

const prev = { severity: "warning", message: "node-2: disk / 88% used (44 of 50 GiB)" };

describe("stableMessage", () => {
  it("keeps the message while the severity holds and the reading moved less than 5 points", () => {
    assert.equal(stableMessage(prev, "warning", "node-2: disk / 91% used (45.5 of 50 GiB)"), prev.message);
  });

  it("takes the new reading after a move of 5 points or more, or a new severity, or on a first raise", () => {
    assert.equal(stableMessage(prev, "warning", "node-2: disk / 93% used (46.5 of 50 GiB)"), "node-2: disk / 93% used (46.5 of 50 GiB)");
    assert.equal(stableMessage(prev, "critical", "node-2: disk / 95% used (47.5 of 50 GiB)"), "node-2: disk / 95% used (47.5 of 50 GiB)");
    assert.equal(stableMessage(undefined, "warning", "node-2: memory 8% available (640 MiB of 8 GiB)"), "node-2: memory 8% available (640 MiB of 8 GiB)");
  });
});
