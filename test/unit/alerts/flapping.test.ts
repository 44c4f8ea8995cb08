// guardian.flapMinutes: a guardian incident that fails again soon after it resolved is reopened
// (same alert, same file, same Slack message), noted as flapping, and does not notify at every swing.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { flapCount, withFlapNote, withoutFlapNote } from "../../../src/alerts/flapping.ts";
import { decideReopen } from "../../../src/alerts/raise-decision.ts";
import { alertsDirOf, bookFixture, signal, T0 } from "./book-fixture.ts";

const resolve = (f: ReturnType<typeof bookFixture>) => f.book.resolve("guardian", "node_availability", "node-1");

describe("flapping note", () => {
  it("is written once at the end of the message, counted, replaced rather than doubled, and removable", () => {
    const once = withFlapNote("node-1: node_availability: does not answer", 1, 30);
    assert.equal(once, "node-1: node_availability: does not answer; flapping: reopened 1 time, each within 30 min of resolving");
    assert.equal(flapCount(once), 1);
    const thrice = withFlapNote(once, 3, 30);
    assert.equal(thrice, "node-1: node_availability: does not answer; flapping: reopened 3 times, each within 30 min of resolving");
    assert.equal(flapCount(thrice), 3);
    assert.equal(withoutFlapNote(thrice), "node-1: node_availability: does not answer");
    assert.equal(flapCount("node-1: does not answer"), 0);
    // Only the end counts: the note quoted inside a detail is not the alert's own.
    assert.equal(flapCount("x; flapping: reopened 9 times, each within 30 min of resolving (quoted) and more"), 0);
  });
});

describe("decideReopen", () => {
  const at = (m: number) => new Date(T0.getTime() + m * 60_000);
  const prev = (over: Partial<Parameters<typeof decideReopen>[0]> = {}) => ({ message: "down", last_notified_at: at(0).toISOString(), snooze_until: null, ...over });

  it("the first reopening is a raise (news: it was seen to resolve)", () => {
    assert.deepEqual(decideReopen(prev(), at(5), 60), { status: "open", event: "raised" });
  });

  it("later reopenings are edits, with a reminder once reminderMinutes have passed since the last notice", () => {
    const flapping = prev({ message: withFlapNote("down", 2, 30) });
    assert.deepEqual(decideReopen(flapping, at(59), 60), { status: "open", event: "updated" });
    assert.deepEqual(decideReopen(flapping, at(60), 60), { status: "open", event: "reminder" });
  });

  it("a snooze still running keeps the reopened incident snoozed and quiet", () => {
    assert.deepEqual(decideReopen(prev({ snooze_until: at(30).toISOString() }), at(10), 60), { status: "snoozed", event: "updated" });
    assert.deepEqual(decideReopen(prev({ snooze_until: at(30).toISOString() }), at(30), 60), { status: "open", event: "raised" });
  });
});

describe("AlertBook with flapMinutes", () => {
  it("reopens an incident that fails again within flapMinutes of resolving: same id, first_seen and file, noted as flapping", async () => {
    const f = bookFixture({ flapMinutes: 30 });
    const raised = await f.book.raise(signal({ attempts: 1 }));
    f.advance(2);
    await resolve(f);
    f.advance(29);
    const again = await f.book.raise(signal({ attempts: 2 }));
    assert.equal(again.id, raised.id);
    assert.deepEqual([again.status, again.resolved_at, again.first_seen, again.last_seen, again.attempts], ["open", null, T0.toISOString(), f.now().toISOString(), 2]);
    assert.equal(again.message, "node-1 unreachable; flapping: reopened 1 time, each within 30 min of resolving");
    assert.equal(f.book.list("all").length, 1, "no second alert");
    const file = JSON.parse(readFileSync(join(alertsDirOf(f), `${raised.id}.json`), "utf8"));
    assert.deepEqual([file.status, file.resolved_at, file.message], ["open", null, again.message]);
    assert.deepEqual(f.notifier.kinds(), ["raised A1", "resolved A1", "raised A1"]);
    assert.match(f.lines.join("\n"), /alert reopened: failing again soon after it resolved \(flapping\)/);
  });

  it("keeps the note while the reopened incident stays open, and counts each reopening", async () => {
    const f = bookFixture({ flapMinutes: 30, reminderMinutes: 60 });
    await f.book.raise(signal());
    for (let i = 1; i <= 4; i++) {
      f.advance(1);
      await resolve(f);
      f.advance(1);
      await f.book.raise(signal());
      f.advance(1);
      // A sighting while open (the signal has no note) keeps the note: nothing changed, nothing sent.
      await f.book.raise(signal());
      assert.equal(flapCount(f.book.get("A1")!.message), i);
    }
    assert.equal(f.book.list("all").length, 1);
    // One raise, the first resolution and first reopening (news); then edits only.
    assert.deepEqual(f.notifier.kinds(), ["raised A1", "resolved A1", "raised A1", "resolved A1", "updated A1", "resolved A1", "updated A1", "resolved A1", "updated A1"]);
  });

  it("a flapping incident still reminds once reminderMinutes have passed since the last notice", async () => {
    const f = bookFixture({ flapMinutes: 30, reminderMinutes: 60 });
    await f.book.raise(signal());
    for (let i = 0; i < 9; i++) {
      f.advance(10);
      await resolve(f);
      f.advance(5);
      await f.book.raise(signal());
    }
    // Raised at 0, reopened (raised) at 15, then every 15 min: reminders at 75 and 135.
    assert.deepEqual(f.notifier.kinds().filter((k) => !k.startsWith("resolved") && !k.startsWith("updated")), ["raised A1", "raised A1", "reminder A1", "reminder A1"]);
  });

  it("opens a new incident once flapMinutes have passed since the resolution", async () => {
    const f = bookFixture({ flapMinutes: 30 });
    await f.book.raise(signal());
    await resolve(f);
    f.advance(30);
    const next = await f.book.raise(signal());
    assert.equal(next.id, "A2");
    assert.equal(flapCount(next.message), 0);
    assert.equal(f.book.get("A1")?.status, "resolved");
  });

  it("reopens only the guardian's incidents, and none with flapMinutes 0 or unset", async () => {
    for (const [opts, source, id] of [[{ flapMinutes: 30 }, "monitor", "A2"], [{ flapMinutes: 0 }, "guardian", "A2"], [{}, "guardian", "A2"], [{ flapMinutes: 30 }, "guardian", "A1"]] as const) {
      const f = bookFixture(opts);
      await f.book.raise(signal({ source }));
      await f.book.resolve(source, "node_availability", "node-1");
      f.advance(1);
      assert.equal((await f.book.raise(signal({ source }))).id, id, `${JSON.stringify(opts)} ${source}`);
    }
  });

  it("keeps other keys apart: another node or check failing is its own incident", async () => {
    const f = bookFixture({ flapMinutes: 30 });
    await f.book.raise(signal());
    await resolve(f);
    assert.equal((await f.book.raise(signal({ node: "node-2" }))).id, "A2");
    assert.equal((await f.book.raise(signal({ check: "ssh_connection" }))).id, "A3");
    assert.equal((await f.book.raise(signal())).id, "A1");
  });

  it("reopens a snoozed incident whose snooze still runs as snoozed, with an edit and no notice", async () => {
    const f = bookFixture({ flapMinutes: 30 });
    await f.book.raise(signal());
    await f.book.snooze("A1", 60 * 60_000, "slack:U1");
    await resolve(f);
    f.advance(5);
    const again = await f.book.raise(signal());
    assert.deepEqual([again.id, again.status], ["A1", "snoozed"]);
    assert.deepEqual(f.notifier.kinds(), ["raised A1", "snoozed A1", "resolved A1", "updated A1"]);
  });

  it("a reopening whose notice failed is tried again as a raise at the next sighting", async () => {
    const f = bookFixture({ flapMinutes: 30 });
    await f.book.raise(signal());
    await resolve(f);
    f.notifier.failing = true;
    f.advance(1);
    await f.book.raise(signal());
    f.notifier.failing = false;
    f.advance(1);
    await f.book.raise(signal());
    assert.deepEqual(f.notifier.kinds(), ["raised A1", "resolved A1", "raised A1"]);
  });
});
