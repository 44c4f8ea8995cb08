import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pino from "pino";
import { LogAnnouncer, type Announcement } from "../../../src/notify/announcement.ts";
import { deliveryRig } from "../../helpers/delivery-rig.ts";

const launched: Announcement = { key: "oci-grab:g1:launched", subject: "OCI instance launched: oyster-arm-1", text: "t", html: "<p>h</p>", blocks: [] };

describe("Deliverer.announce", () => {
  it("queues one copy per configured channel, keyed by the caller's key and the channel", async () => {
    const { slack, email, outbox, deliverer } = deliveryRig();
    await deliverer.announce(launched);
    await deliverer.drain();
    assert.deepEqual([slack.keys(), email.keys()], [["oci-grab:g1:launched:slack"], ["oci-grab:g1:launched:email"]]);
    assert.deepEqual(outbox.list().map((e) => [e.payload.kind, "via" in e.payload ? e.payload.via : undefined]).sort(), [["announcement", "email"], ["announcement", "slack"]]);
  });

  it("sends once per channel however often the same key is announced", async () => {
    const { slack, email, deliverer } = deliveryRig();
    await deliverer.announce(launched);
    await deliverer.announce({ ...launched, text: "said again" });
    await deliverer.drain();
    await deliverer.announce(launched);
    await deliverer.drain();
    assert.deepEqual([slack.delivered.length, email.delivered.length], [1, 1]);
  });

  it("keeps the Slack copy for a retry while Slack fails, and never sends it by email instead", async () => {
    const { clock, slack, email, outbox, deliverer } = deliveryRig();
    slack.failing = "Slack API HTTP 500";
    await deliverer.announce(launched);
    await deliverer.drain();
    assert.deepEqual(email.keys(), ["oci-grab:g1:launched:email"], "only the email copy went by email");
    assert.deepEqual([outbox.get("oci-grab:g1:launched:slack")?.status, outbox.get("oci-grab:g1:launched:slack")?.lastError], ["pending", "slack: Slack API HTTP 500"]);
    slack.failing = undefined;
    const retryAt = Date.parse(outbox.get("oci-grab:g1:launched:slack")?.nextAttemptAt ?? "");
    clock.advance(retryAt - clock.now().getTime());
    await deliverer.drain();
    assert.deepEqual([slack.keys(), email.delivered.length], [["oci-grab:g1:launched:slack"], 1]);
  });

  it("keeps one copy pending when no channel is configured", async () => {
    const { slack, email, outbox, deliverer } = deliveryRig();
    slack.isConfigured = email.isConfigured = false;
    await deliverer.announce(launched);
    await deliverer.drain();
    const [only, ...rest] = outbox.list();
    assert.deepEqual([only?.key, only?.status, rest.length], ["oci-grab:g1:launched", "pending", 0]);
    assert.match(only?.lastError ?? "", /no delivery channel is configured/);
  });
});

describe("LogAnnouncer", () => {
  it("logs one info line with the subject", async () => {
    const lines: string[] = [];
    await new LogAnnouncer(pino({ level: "debug" }, { write: (s: string) => lines.push(s) })).announce(launched);
    assert.equal(lines.length, 1);
    const line = JSON.parse(lines[0]!) as { level: number; msg: string; subject: string };
    assert.deepEqual([line.level, line.msg, line.subject], [30, "announcement not sent (no delivery wired here): logged only", launched.subject]);
  });
});
