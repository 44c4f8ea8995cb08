import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bookFixture, signal, T0 } from "./book-fixture.ts";

describe("AlertBook lifecycle", () => {
  it("raises once per (source, check, node) and updates silently while nothing changes", async () => {
    const f = bookFixture();
    const a = await f.book.raise(signal({ attempts: 1 }));
    assert.equal(a.id, "A1");
    assert.equal(a.status, "open");
    f.advance(5);
    const b = await f.book.raise(signal({ attempts: 2 }));
    assert.equal(b.id, "A1");
    assert.equal(b.attempts, 2);
    assert.equal(b.first_seen, T0.toISOString());
    assert.equal(b.last_seen, f.now().toISOString());
    assert.deepEqual(f.notifier.kinds(), ["raised A1"]);
    assert.equal(f.book.list("all").length, 1);
  });

  it("sends an update when the message or the severity changes", async () => {
    const f = bookFixture();
    await f.book.raise(signal());
    await f.book.raise(signal({ message: "node-1 unreachable: connection refused" }));
    await f.book.raise(signal({ message: "node-1 unreachable: connection refused", severity: "warning" }));
    assert.deepEqual(f.notifier.kinds(), ["raised A1", "updated A1", "updated A1"]);
    assert.equal(f.notifier.events[2]?.alert.severity, "warning");
  });

  it("keeps other keys apart, fleet-wide (null node) alerts included", async () => {
    const f = bookFixture();
    await f.book.raise(signal());
    await f.book.raise(signal({ node: "node-2" }));
    await f.book.raise(signal({ check: "db_schema", node: null }));
    await f.book.raise(signal({ check: "db_schema", node: null }));
    await f.book.raise(signal({ source: "monitor" }));
    assert.deepEqual(f.book.list("open").map((a) => a.id), ["A4", "A3", "A2", "A1"]);
    assert.equal(f.book.find("guardian", "db_schema", null)?.id, "A3");
    assert.equal(f.book.find("guardian", "db_schema", "node-1"), undefined);
  });

  it("reminds exactly when reminderMinutes have passed, then counts from the reminder", async () => {
    const f = bookFixture({ reminderMinutes: 60 });
    await f.book.raise(signal());
    f.advance(59);
    await f.book.raise(signal());
    assert.deepEqual(f.notifier.kinds(), ["raised A1"]);
    f.advance(1);
    await f.book.raise(signal());
    assert.deepEqual(f.notifier.kinds(), ["raised A1", "reminder A1"]);
    f.advance(30);
    await f.book.raise(signal());
    f.advance(29);
    await f.book.raise(signal());
    assert.equal(f.notifier.events.length, 2);
    f.advance(1);
    await f.book.raise(signal());
    assert.deepEqual(f.notifier.kinds(), ["raised A1", "reminder A1", "reminder A1"]);
  });

  it("stops reminders once acknowledged, and clears the ack when the check recovers", async () => {
    const f = bookFixture({ reminderMinutes: 60 });
    await f.book.raise(signal());
    const acked = await f.book.ack("A1", "cli:alice", "on it");
    assert.equal(acked.status, "acknowledged");
    assert.deepEqual(acked.acknowledged, { by: "cli:alice", at: T0.toISOString(), reason: "on it" });
    f.advance(180);
    await f.book.raise(signal());
    assert.equal(f.book.get("A1")?.status, "acknowledged");
    assert.deepEqual(f.notifier.kinds(), ["raised A1", "acknowledged A1"]);
    const resolved = await f.book.resolve("guardian", "node_availability", "node-1");
    assert.equal(resolved?.status, "resolved");
    assert.equal(resolved?.resolved_at, f.now().toISOString());
    assert.deepEqual(f.notifier.kinds(), ["raised A1", "acknowledged A1", "resolved A1"]);
    // The next failure is a new incident, not the acknowledged one.
    const next = await f.book.raise(signal());
    assert.equal(next.id, "A2");
    assert.equal(next.status, "open");
    assert.equal(next.acknowledged, undefined);
  });

  it("reopens a snoozed alert with a reminder when the snooze runs out, keeping its history", async () => {
    const f = bookFixture({ reminderMinutes: 600 });
    await f.book.raise(signal());
    const s = await f.book.snooze("A1", 30 * 60_000, "slack:U1", "maintenance");
    assert.equal(s.status, "snoozed");
    assert.deepEqual(s.snoozed, { until: new Date(T0.getTime() + 30 * 60_000).toISOString(), by: "slack:U1", reason: "maintenance" });
    f.advance(29);
    assert.equal((await f.book.raise(signal())).status, "snoozed");
    f.advance(1);
    const back = await f.book.raise(signal());
    assert.equal(back.status, "open");
    assert.equal(back.id, "A1");
    assert.equal(back.first_seen, T0.toISOString());
    assert.equal(back.snoozed?.by, "slack:U1");
    assert.deepEqual(f.notifier.kinds(), ["raised A1", "snoozed A1", "reminder A1"]);
  });

  it("resolves a snoozed alert on recovery", async () => {
    const f = bookFixture();
    await f.book.raise(signal());
    await f.book.snooze("A1", 3_600_000, "cli:bob");
    assert.equal((await f.book.resolve("guardian", "node_availability", "node-1"))?.status, "resolved");
    assert.deepEqual(f.book.list("open"), []);
    assert.equal(f.book.list("all").length, 1);
  });

  it("returns undefined when resolving a key with no unresolved alert", async () => {
    const f = bookFixture();
    assert.equal(await f.book.resolve("guardian", "node_availability", "node-1"), undefined);
    await f.book.raise(signal());
    await f.book.resolve("guardian", "node_availability", "node-1");
    assert.equal(await f.book.resolve("guardian", "node_availability", "node-1"), undefined);
    assert.deepEqual(f.notifier.kinds(), ["raised A1", "resolved A1"]);
  });

  it("stores grouped nodes and replaces them on later sightings", async () => {
    const f = bookFixture();
    await f.book.raise(signal({ check: "storm", node: null, nodes: ["node-1", "node-2", "node-3"] }));
    const later = await f.book.raise(signal({ check: "storm", node: null, nodes: ["node-1", "node-2"] }));
    assert.deepEqual(later.nodes, ["node-1", "node-2"]);
    assert.deepEqual(f.book.get("A1")?.nodes, ["node-1", "node-2"]);
    assert.deepEqual((await f.book.raise(signal())).nodes, []);
  });
});
