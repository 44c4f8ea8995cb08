import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { OutboxPayload } from "../../../src/notify/delivery-types.ts";
import { deliveryRig, raiseAt } from "../../helpers/delivery-rig.ts";

type Summary = Extract<OutboxPayload, { kind: "fallback-summary" }>;

describe("fallback summary", () => {
  it("sends one fallback summary when Slack comes back, listing what went by email", async () => {
    const { slack, email, deliverer } = deliveryRig();
    slack.failing = "HTTP 500";
    await deliverer.notify(raiseAt("A1", 1));
    await deliverer.notify(raiseAt("A2", 2));
    await deliverer.drain();
    assert.equal(email.delivered.length, 2);
    slack.failing = undefined;
    await deliverer.notify(raiseAt("A3", 3));
    await deliverer.drain();
    await deliverer.notify(raiseAt("A4", 4));
    await deliverer.drain();
    const summaries = slack.delivered.filter((i) => i.payload.kind === "fallback-summary");
    assert.equal(summaries.length, 1);
    const payload = summaries[0]!.payload as Summary;
    assert.deepEqual(payload.items.map((i) => i.key), ["alert:A1:raised:2026-03-01T10:01:00.000Z", "alert:A2:raised:2026-03-01T10:02:00.000Z"]);
    assert.match(payload.items[0]!.summary, /^CRITICAL node-2: node_availability: /);
    assert.deepEqual(slack.delivered.map((i) => i.payload.kind), ["alert-event", "fallback-summary", "alert-event"]);
    assert.equal(email.delivered.length, 2, "the summary is for Slack readers; email had them all");
  });

  it("summarises only what went by email since the last summary", async () => {
    const { slack, deliverer } = deliveryRig();
    const rounds: Array<[number, string[]]> = [[1, ["A1"]], [2, ["A2", "A3"]]];
    for (const [round, ids] of rounds) {
      slack.failing = "HTTP 500";
      for (const [n, id] of ids.entries()) await deliverer.notify(raiseAt(id, round * 10 + n));
      await deliverer.drain();
      slack.failing = undefined;
      await deliverer.notify(raiseAt(`B${round}`, round * 10 + 5));
      await deliverer.drain();
    }
    const lists = slack.delivered
      .map((i) => i.payload)
      .filter((p): p is Summary => p.kind === "fallback-summary")
      .map((p) => p.items.map((i) => i.key.split(":")[1]));
    assert.deepEqual(lists, [["A1"], ["A2", "A3"]]);
  });

  it("leaves out what went by email because Slack was not configured", async () => {
    const { slack, deliverer } = deliveryRig();
    slack.isConfigured = false;
    await deliverer.notify(raiseAt("A1", 1));
    await deliverer.drain();
    slack.isConfigured = true;
    await deliverer.notify(raiseAt("A2", 2));
    await deliverer.drain();
    assert.deepEqual(slack.delivered.map((i) => i.payload.kind), ["alert-event"]);
  });
});
