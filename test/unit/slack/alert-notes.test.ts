// What an alert's thread gets: a flapping incident notifies when it first fails again after
// resolving, and not at each later swing.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withFlapNote } from "../../../src/alerts/flapping.ts";
import { threadNote } from "../../../src/slack/alert-notes.ts";
import { sampleAlert } from "../../helpers/alert-events.ts";

const flapping = (n: number, over = {}) => sampleAlert({ message: withFlapNote("node-2: node_availability: does not answer", n, 30), ...over });

describe("thread notes of a flapping incident", () => {
  it("the first reopening says in the thread that it is failing again, without repeating the note", () => {
    const note = threadNote("raised", flapping(1));
    assert.equal(note, ":repeat: *A7* is failing again soon after it resolved (flapping): reopened, this message follows it: node-2: node_availability: does not answer");
  });

  it("later reopenings and a flapping incident's resolutions only edit the message", () => {
    assert.equal(threadNote("raised", flapping(2)), undefined);
    assert.equal(threadNote("resolved", flapping(1, { status: "resolved", resolved_at: "2026-03-01T10:05:00.000Z" })), undefined);
  });

  it("an incident that never flapped keeps its resolution note, and a raise joining a message gets none", () => {
    assert.match(threadNote("resolved", sampleAlert({ status: "resolved", resolved_at: "2026-03-01T10:05:00.000Z" })) ?? "", /\*A7\* resolved after 5 min/);
    assert.equal(threadNote("raised", sampleAlert()), undefined);
  });

  it("a reminder of a flapping incident is a reminder like any other", () => {
    assert.match(threadNote("reminder", flapping(3)) ?? "", /^:bell: \*A7\* still open after .*flapping: reopened 3 times/);
  });
});
