import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { OutboxPayload } from "../../../src/notify/delivery-types.ts";
import { Outbox, SENDING_LEASE_MS } from "../../../src/notify/outbox.ts";
import { openStore } from "../../../src/store/index.ts";
import { alertEvent } from "../../helpers/alert-events.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const payload = (n: number): OutboxPayload => ({ kind: "alert-event", event: alertEvent("raised", { id: `A${n}` }) });

function rig() {
  let t = Date.parse("2026-03-01T10:00:00.000Z");
  const clock = { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
  const dir = tmpDir();
  const store = openStore(dir);
  return { dir, store, clock, outbox: new Outbox(store.db, clock.now) };
}

describe("Outbox", () => {
  it("queues a key once: the second enqueue of the same key is ignored", () => {
    const { outbox } = rig();
    const first = outbox.enqueue("k1", payload(1));
    const second = outbox.enqueue("k1", payload(2));
    assert.deepEqual([first.created, second.created, second.id], [true, false, first.id]);
    assert.deepEqual(outbox.counts(), { pending: 1, sending: 0, delivered: 0 });
    assert.equal((outbox.get("k1")?.payload as Extract<OutboxPayload, { kind: "alert-event" }>).event.alert.id, "A1");
  });

  it("claims the oldest due item and marks it sending before anything is sent", () => {
    const { outbox, clock } = rig();
    outbox.enqueue("k1", payload(1));
    outbox.enqueue("k2", payload(2));
    const a = outbox.claimDue();
    assert.equal(a?.key, "k1");
    assert.deepEqual([outbox.get("k1")?.status, outbox.get("k1")?.sendingSince], ["sending", clock.now().toISOString()]);
    assert.equal(outbox.claimDue()?.key, "k2");
    assert.equal(outbox.claimDue(), undefined, "nothing left to claim: in-flight items are not handed out twice");
  });

  it("records delivery with the channel and why earlier channels did not take it", () => {
    const { outbox } = rig();
    const { id } = outbox.enqueue("k1", payload(1));
    outbox.claimDue();
    outbox.markDelivered(id, "email", "slack: HTTP 500");
    const e = outbox.get("k1");
    assert.deepEqual([e?.status, e?.deliveredVia, e?.lastError, e?.sendingSince], ["delivered", "email", "slack: HTTP 500", null]);
    assert.ok(e?.deliveredAt);
  });

  it("puts a failed item back with one more attempt, not due before its retry time", () => {
    const { outbox, clock } = rig();
    const { id } = outbox.enqueue("k1", payload(1));
    outbox.claimDue();
    outbox.markFailed(id, "slack: down; email: down", new Date(clock.now().getTime() + 30_000));
    assert.deepEqual([outbox.get("k1")?.status, outbox.get("k1")?.attempts], ["pending", 1]);
    assert.equal(outbox.claimDue(), undefined);
    assert.equal(outbox.nextDueAt()?.toISOString(), "2026-03-01T10:00:30.000Z");
    clock.advance(30_000);
    assert.equal(outbox.claimDue()?.attempts, 1);
  });

  it("recovers items a crash left sending, due at once", () => {
    const { dir, outbox } = rig();
    outbox.enqueue("k1", payload(1));
    outbox.enqueue("k2", payload(2));
    outbox.claimDue();
    const after = new Outbox(openStore(dir).db);
    assert.equal(after.recoverInFlight(), 1);
    assert.deepEqual(after.counts(), { pending: 2, sending: 0, delivered: 0 });
    assert.equal(after.claimDue()?.key, "k1");
  });

  it("lets another process reclaim an item only after the sending lease ran out", () => {
    const { dir, outbox, clock } = rig();
    outbox.enqueue("k1", payload(1));
    outbox.claimDue();
    const other = new Outbox(openStore(dir).db, clock.now);
    assert.equal(other.claimDue(), undefined);
    clock.advance(SENDING_LEASE_MS);
    assert.equal(other.claimDue()?.key, "k1");
  });

  it("never hands one item to two connections (the bot and the CLI) claiming in turn", () => {
    const { dir, outbox } = rig();
    for (let i = 0; i < 40; i++) outbox.enqueue(`k${i}`, payload(i));
    const a = new Outbox(openStore(dir).db);
    const b = new Outbox(openStore(dir).db);
    const claimed: string[] = [];
    for (;;) {
      const x = a.claimDue();
      const y = b.claimDue();
      if (!x && !y) break;
      for (const it of [x, y]) if (it) claimed.push(it.key);
    }
    assert.equal(claimed.length, 40);
    assert.equal(new Set(claimed).size, 40);
  });

  it("pulls waiting items forward and defers due ones", () => {
    const { outbox, clock } = rig();
    const { id } = outbox.enqueue("k1", payload(1));
    outbox.enqueue("k2", payload(2));
    outbox.claimDue();
    outbox.markFailed(id, "down", new Date(clock.now().getTime() + 600_000));
    assert.equal(outbox.deferDue(new Date(clock.now().getTime() + 60_000)), 1, "only k2 was due");
    assert.equal(outbox.claimDue(), undefined);
    assert.equal(outbox.pullForward(), 2);
    assert.deepEqual([outbox.claimDue()?.key, outbox.claimDue()?.key], ["k1", "k2"]);
  });

  it("lists newest first, filters by status, and prunes delivered items only", () => {
    const { outbox, clock } = rig();
    for (let i = 1; i <= 3; i++) outbox.enqueue(`k${i}`, payload(i));
    const first = outbox.claimDue()!;
    outbox.markDelivered(first.id, "slack");
    assert.deepEqual(outbox.list().map((e) => e.key), ["k3", "k2", "k1"]);
    assert.deepEqual(outbox.list({ status: "pending", limit: 1 }).map((e) => e.key), ["k3"]);
    clock.advance(1000);
    assert.equal(outbox.prune(clock.now()), 1);
    assert.deepEqual(outbox.counts(), { pending: 2, sending: 0, delivered: 0 });
  });
});
