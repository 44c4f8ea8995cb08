import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Deliverer, FAILURES_BEFORE_PAUSE } from "../../../src/notify/deliverer.ts";
import { deliveryRig, raiseAt } from "../../helpers/delivery-rig.ts";
import { FakeChannel } from "../../helpers/fake-channel.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

describe("Deliverer", () => {
  it("sends by Slack when Slack takes it, and not by email", async () => {
    const { slack, email, outbox, deliverer } = deliveryRig();
    await deliverer.notify(raiseAt("A1"));
    await deliverer.drain();
    assert.deepEqual([slack.keys(), email.keys()], [["alert:A1:raised:2026-03-01T10:00:00.000Z"], []]);
    assert.deepEqual([outbox.list()[0]?.deliveredVia, outbox.list()[0]?.lastError], ["slack", null]);
  });

  it("falls back to email when Slack fails, and records why", async () => {
    const { slack, email, outbox, deliverer, lines } = deliveryRig();
    slack.failing = "Slack API HTTP 500";
    await deliverer.notify(raiseAt("A1"));
    await deliverer.drain();
    assert.equal(email.delivered.length, 1);
    const [row] = outbox.list();
    assert.deepEqual([row?.status, row?.deliveredVia, row?.lastError], ["delivered", "email", "slack: Slack API HTTP 500"]);
    assert.ok(lines.some((l) => l.includes("delivered by fallback")));
  });

  it("goes straight to email when Slack is not configured (not a fallback)", async () => {
    const { slack, email, outbox, deliverer } = deliveryRig();
    slack.isConfigured = false;
    await deliverer.notify(raiseAt("A1"));
    await deliverer.drain();
    assert.deepEqual([slack.attempts, email.delivered.length, outbox.list()[0]?.lastError], [0, 1, null]);
  });

  it("delivers a key once however often it is handed over", async () => {
    const { slack, deliverer } = deliveryRig();
    await deliverer.notify(raiseAt("A1"));
    await deliverer.notify(raiseAt("A1"));
    await deliverer.drain();
    await deliverer.notify(raiseAt("A1"));
    await deliverer.drain();
    assert.equal(slack.delivered.length, 1);
  });

  it("keeps an item when both channels fail and retries it after the backoff", async () => {
    const { clock, slack, email, outbox, deliverer, lines } = deliveryRig();
    slack.failing = "connect ECONNREFUSED";
    email.failing = "Greeting never received";
    await deliverer.notify(raiseAt("A1"));
    await deliverer.drain();
    const row = outbox.list()[0];
    assert.deepEqual([row?.status, row?.attempts, row?.lastError], ["pending", 1, "slack: connect ECONNREFUSED; email: Greeting never received"]);
    assert.ok(lines.some((l) => l.includes("delivery failed on every channel")));
    clock.advance(29_000);
    await deliverer.drain();
    assert.equal(slack.attempts, 1, "not retried before 30 s");
    clock.advance(1_000);
    await deliverer.drain();
    assert.deepEqual([slack.attempts, outbox.list()[0]?.attempts], [2, 2]);
    assert.equal(outbox.list()[0]?.nextAttemptAt, new Date(clock.now().getTime() + 60_000).toISOString(), "the wait doubles");
    email.failing = undefined;
    clock.advance(60_000);
    await deliverer.drain();
    assert.deepEqual([email.delivered.length, outbox.counts()], [1, { pending: 0, sending: 0, delivered: 1 }]);
  });

  it("survives a restart: a new Deliverer over the same state.db delivers it, once", async () => {
    const first = deliveryRig();
    first.slack.failing = "HTTP 500";
    first.email.failing = "ECONNREFUSED";
    await first.deliverer.notify(raiseAt("A1"));
    await first.deliverer.drain();
    await first.deliverer.stop();
    const second = deliveryRig(first.dir);
    second.deliverer.start();
    await second.deliverer.drain();
    assert.equal(second.slack.attempts, 0, "the backoff holds across the restart");
    second.clock.advance(30_000);
    await second.deliverer.drain();
    await second.deliverer.drain();
    await second.deliverer.stop();
    assert.deepEqual([second.slack.delivered.length, second.email.delivered.length], [1, 0]);
    assert.deepEqual(second.outbox.counts(), { pending: 0, sending: 0, delivered: 1 });
  });

  it("stops trying further items when several in a row fail everywhere, and flushes them in order once back", async () => {
    const { clock, slack, email, outbox, deliverer } = deliveryRig();
    slack.failing = email.failing = "down";
    for (let i = 1; i <= 6; i++) outbox.enqueue(`k${i}`, { kind: "alert-event", event: raiseAt(`A${i}`) });
    await deliverer.drain();
    assert.equal(slack.attempts, FAILURES_BEFORE_PAUSE, "the rest wait instead of each burning a timeout");
    assert.equal(outbox.claimDue(), undefined);
    slack.failing = undefined;
    clock.advance(30_000);
    await deliverer.drain();
    assert.deepEqual(slack.keys(), ["k1", "k2", "k3", "k4", "k5", "k6"]);
  });

  it("says so when no channel is configured, and keeps the item", async () => {
    const { slack, email, outbox, deliverer } = deliveryRig();
    slack.isConfigured = email.isConfigured = false;
    await deliverer.notify(raiseAt("A1"));
    await deliverer.drain();
    assert.match(outbox.list()[0]?.lastError ?? "", /no delivery channel is configured/);
    assert.equal(outbox.counts().pending, 1);
  });

  it("keeps secrets out of the stored error", async () => {
    const { slack, email, outbox, deliverer } = deliveryRig(tmpDir(), { secrets: ["xoxb-secret-token"] });
    slack.failing = "invalid_auth for xoxb-secret-token";
    email.failing = "down";
    await deliverer.notify(raiseAt("A1"));
    await deliverer.drain();
    assert.equal(outbox.list()[0]?.lastError, "slack: invalid_auth for [REDACTED]; email: down");
  });

  it("sends reports once per subject and day, to every channel", async () => {
    const { slack, email, deliverer } = deliveryRig();
    const report = { subject: "Oyster daily report 2026-03-01: 1/1 nodes up", text: "t", html: "<p>h</p>", blocks: [] };
    await deliverer.sendReport(report);
    await deliverer.sendReport(report);
    await deliverer.drain();
    assert.deepEqual(slack.keys(), ["report:Oyster daily report 2026-03-01: 1/1 nodes up:2026-03-01:slack"]);
    assert.deepEqual(email.keys(), ["report:Oyster daily report 2026-03-01: 1/1 nodes up:2026-03-01:email"]);
  });

  it("re-queues what a crash left in flight when started", async () => {
    const { dir, outbox } = deliveryRig();
    outbox.enqueue("k1", { kind: "alert-event", event: raiseAt("A1") });
    outbox.claimDue();
    const after = deliveryRig(dir);
    after.deliverer.start();
    await after.deliverer.drain();
    await after.deliverer.stop();
    assert.deepEqual(after.slack.keys(), ["k1"]);
    assert.ok(after.lines.some((l) => l.includes("in flight when Oyster stopped")));
  });
});

describe("Deliverer.stop", () => {
  it("waits for the send in flight, up to a deadline", async () => {
    const { outbox, deliverer } = deliveryRig();
    let release: () => void = () => undefined;
    const hanging = new FakeChannel("slack");
    hanging.deliver = () => new Promise<void>((resolve) => (release = resolve));
    const d = new Deliverer({ outbox, channels: [hanging], log: memoryLogger("silent").log });
    outbox.enqueue("k1", { kind: "alert-event", event: raiseAt("A1") });
    d.kick();
    assert.equal(await d.stop(50), false, "cut off at the deadline");
    assert.equal(outbox.get("k1")?.status, "sending", "left in flight: re-sent at the next start");
    release();
    await deliverer.stop();
  });
});
