import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bookFixture, signal } from "./book-fixture.ts";

describe("AlertBook with a failing notifier", () => {
  it("keeps the raise, logs a warning, and retries it as a raise on the next sighting", async () => {
    const f = bookFixture();
    f.notifier.failing = true;
    const a = await f.book.raise(signal());
    assert.equal(a.id, "A1");
    assert.equal(f.book.get("A1")?.status, "open");
    assert.ok(f.lines.some((l) => / WARN alert notification failed alert=A1 kind=raised err=delivery down/.test(l)), f.lines.join(""));
    f.notifier.failing = false;
    f.advance(1);
    await f.book.raise(signal());
    assert.deepEqual(f.notifier.kinds(), ["raised A1"]);
    f.advance(1);
    await f.book.raise(signal());
    assert.deepEqual(f.notifier.kinds(), ["raised A1"]);
  });

  it("retries a failed reminder on the next sighting instead of waiting another period", async () => {
    const f = bookFixture({ reminderMinutes: 60 });
    await f.book.raise(signal());
    f.advance(60);
    f.notifier.failing = true;
    await f.book.raise(signal());
    f.notifier.failing = false;
    f.advance(5);
    await f.book.raise(signal());
    assert.deepEqual(f.notifier.kinds(), ["raised A1", "reminder A1"]);
    // The successful retry starts the next period.
    f.advance(59);
    await f.book.raise(signal());
    assert.equal(f.notifier.events.length, 2);
  });

  it("keeps ack, snooze and resolve when their notices fail", async () => {
    const f = bookFixture();
    await f.book.raise(signal());
    f.notifier.failing = true;
    assert.equal((await f.book.ack("A1", "cli:x")).status, "acknowledged");
    assert.equal((await f.book.snooze("A1", 60_000, "cli:x")).status, "snoozed");
    assert.equal((await f.book.resolve("guardian", "node_availability", "node-1"))?.status, "resolved");
    assert.equal(f.book.get("A1")?.status, "resolved");
    assert.equal(f.lines.filter((l) => /alert notification failed/.test(l)).length, 3);
  });
});
