// Alert delivery end to end: a real rig, the guardian, the AlertBook, the outbox and Slack through a
// real WebClient at the stand-in, all on one fake clock. One incident is one Slack message, edited in
// place, with the reminder and the resolution as replies in its thread.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { SmtpSink } from "../../helpers/smtp-sink.ts";
import { ALERTS, DELIVERY_CONFIG, deliveryEnv, fakeClock, repliesTo, shown, startOyster, topLevel, type OysterProcess } from "./delivery-fixture.ts";

describe("an alert's life in Slack, from the guardian over a real rig", () => {
  let rig: Rig;
  let fleet: Fleet;
  let standIn: StandIn;
  let sink: SmtpSink;
  let oyster: OysterProcess;
  const clock = fakeClock();

  before(async () => {
    [rig, standIn, sink] = await Promise.all([startRig(2), startStandIn(), SmtpSink.start()]);
    fleet = makeFleet(rig, { oyster: DELIVERY_CONFIG });
    oyster = await startOyster(deliveryEnv(fleet, { standIn, sink }), clock);
  });
  after(async () => {
    await oyster?.close();
    await Promise.all([rig?.close(), standIn?.close(), sink?.stop()]);
  });

  it("raises after the second failing run, reminds in the thread after reminderMinutes, resolves in place", async () => {
    await rig.node("node-2").stop();

    const run1 = await oyster.guardianStep();
    assert.equal(run1.results.find((r) => r.check === "node_availability" && r.node === "node-2")?.status, "failed");
    assert.equal(standIn.messages().length, 0, "one failing run is a blip: nothing posted");
    assert.deepEqual(oyster.wired.delivery.outbox.counts(), { pending: 0, sending: 0, delivered: 0 });

    clock.advance(60_000);
    await oyster.guardianStep();
    const raised = topLevel(standIn);
    assert.equal(raised.length, 1, "the second failing run posts one message");
    const message = raised[0]!;
    assert.equal(message.channel, ALERTS);
    assert.match(shown(message), /node_availability on node-2/);
    assert.equal(message.updates, 0);
    assert.equal(repliesTo(standIn, message.ts).length, 0);

    // Still failing, but within the reminder interval: no new post, no reply.
    clock.advance(30 * 60_000);
    await oyster.guardianStep();
    assert.equal(standIn.messages().length, 1);

    clock.advance(31 * 60_000);
    await oyster.guardianStep();
    const reminders = repliesTo(standIn, message.ts);
    assert.equal(reminders.length, 1, "one reminder, in the message's thread");
    assert.match(reminders[0]!.text ?? "", /still open after 1 h/);
    const afterReminder = topLevel(standIn);
    assert.equal(afterReminder.length, 1, "a reminder is no new top-level message");
    const updatesAfterReminder = afterReminder[0]!.updates;
    assert.ok(updatesAfterReminder > 0, "the reminder also edits the message");

    await rig.node("node-2").start();
    clock.advance(5 * 60_000);
    const calm = await oyster.guardianStep();
    assert.equal(calm.results.find((r) => r.check === "node_availability" && r.node === "node-2")?.alert?.status, "resolved");
    const final = topLevel(standIn);
    assert.equal(final.length, 1, "the incident stays one top-level message to the end");
    assert.ok(final[0]!.updates > updatesAfterReminder, "the resolution edits the message");
    assert.match(final[0]!.text ?? "", /^:white_check_mark: resolved: /);
    assert.doesNotMatch(JSON.stringify(final[0]!.blocks), /"type":"actions"/, "a resolved alert has no buttons");
    const thread = repliesTo(standIn, message.ts);
    assert.equal(thread.length, 2, "the resolution is the second reply");
    assert.match(thread[1]!.text ?? "", /resolved after 1 h 6 min/);

    assert.equal(standIn.messages().length, 3, "one message and two replies, nothing else");
    assert.equal(sink.messages.length, 0, "Slack took everything: no email");
    assert.deepEqual(oyster.wired.delivery.outbox.counts(), { pending: 0, sending: 0, delivered: 3 });
  });
});
