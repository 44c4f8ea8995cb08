// A storm over a real 6-node rig is one Slack message; a burst of 429s from Slack while the storm
// changes, reminds and ends delays deliveries but loses none of them.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { DELIVERY_CONFIG, deliveryEnv, fakeClock, repliesTo, shown, startOyster, topLevel, type OysterProcess } from "./delivery-fixture.ts";

describe("a storm delivered to Slack", () => {
  let rig: Rig;
  let fleet: Fleet;
  let standIn: StandIn;
  let oyster: OysterProcess;
  const clock = fakeClock();

  before(async () => {
    [rig, standIn] = await Promise.all([startRig(6), startStandIn()]);
    fleet = makeFleet(rig, { oyster: DELIVERY_CONFIG, ssh: { connectTimeoutMs: 1500 } });
    // No SMTP_URL: what Slack refuses can only wait in the outbox and be retried there.
    oyster = await startOyster(deliveryEnv(fleet, { standIn }), clock);
  });
  after(async () => {
    await oyster?.close();
    await Promise.all([rig?.close(), standIn?.close()]);
  });

  it("posts one grouped message for 3 of 6 nodes down, and delivers every later event through a burst of 429s", async () => {
    const outbox = oyster.wired.delivery.outbox;
    for (const n of ["node-2", "node-4", "node-6"]) await rig.node(n).stop();
    const run1 = await oyster.guardianStep();
    assert.deepEqual(run1.storm, ["node-2", "node-4", "node-6"]);
    assert.equal(standIn.messages().length, 0);
    clock.advance(60_000);
    await oyster.guardianStep();
    const posted = topLevel(standIn);
    assert.equal(posted.length, 1, "the storm is one message, not one per node");
    const storm = posted[0]!;
    assert.match(storm.text ?? "", /storm on 3 nodes/);
    for (const n of ["node-2", "node-4", "node-6"]) assert.ok(shown(storm).includes(n), `the message names ${n}`);

    standIn.misbehave({ kind: "rate-limited", retryAfterSeconds: 1, times: 8 });
    // The storm grows (an edit), outlives reminderMinutes (an edit and a reply), then ends while two
    // nodes stay down (their own alerts, grouped, and the storm's resolution).
    await rig.node("node-1").stop();
    await oyster.guardianStep();
    assert.equal(outbox.counts().pending, 1, "Slack still answered 429 after the client's retries: the edit waits");
    clock.advance(61 * 60_000);
    await oyster.guardianStep();
    await Promise.all([rig.node("node-1").start(), rig.node("node-2").start()]);
    const calm = await oyster.guardianStep();
    assert.equal(calm.storm, null);
    for (let i = 0; i < 5 && outbox.counts().pending > 0; i++) {
      clock.advance(30 * 60_000);
      await oyster.drain();
    }

    // Every call either changed Slack (a post, a reply, an edit) or was one of the 8 answered 429.
    const changes = standIn.messages().reduce((n, m) => n + 1 + m.updates, 0);
    assert.equal(standIn.calls.length, changes + 8, "all 8 calls answered 429 happened, and every other call took effect");
    assert.deepEqual(outbox.counts(), { pending: 0, sending: 0, delivered: 6 }, "raise, grown, reminder, 2 node raises, resolution");
    assert.ok(outbox.list().some((e) => e.attempts > 0), "some delivery was refused and retried by the outbox");

    const top = topLevel(standIn);
    assert.equal(top.length, 2, "the storm's message and one message for the two nodes still down");
    const stormNow = top.find((m) => m.ts === storm.ts)!;
    assert.match(stormNow.text ?? "", /resolved: .*storm on 4 nodes/);
    assert.ok(shown(stormNow).includes("node-1"), "the edit that grew the storm arrived");
    assert.ok(stormNow.updates >= 3, `grown, reminded and resolved are edits (saw ${stormNow.updates})`);
    const thread = repliesTo(standIn, storm.ts).map((m) => m.text ?? "");
    assert.equal(thread.length, 2);
    assert.match(thread[0]!, /still open after 1 h/);
    assert.match(thread[1]!, /resolved after/);
    const nodes = top.find((m) => m.ts !== storm.ts)!;
    assert.match(nodes.text ?? "", /2 alerts at once .*node_availability on node-4.*node_availability on node-6/);
  });
});
