// Slack failing, then email failing too, then a restart: the wired outbox keeps what it could not
// send in state.db, the next process delivers it once, and Slack is told what went by email.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { SmtpSink } from "../../helpers/smtp-sink.ts";
import { DELIVERY_CONFIG, deliveryEnv, fakeClock, shown, startOyster, topLevel, type OysterProcess } from "./delivery-fixture.ts";

describe("the email fallback and the outbox across a restart", () => {
  let rig: Rig;
  let fleet: Fleet;
  let standIn: StandIn;
  let sink: SmtpSink;
  const running: OysterProcess[] = [];
  const clock = fakeClock();

  before(async () => {
    [rig, standIn, sink] = await Promise.all([startRig(2), startStandIn(), SmtpSink.start()]);
    fleet = makeFleet(rig, { oyster: DELIVERY_CONFIG });
  });
  after(async () => {
    for (const p of running) await p.close();
    await Promise.all([rig?.close(), standIn?.close(), sink?.stop()]);
  });

  it("emails the alert while Slack answers 500, keeps the next event while SMTP is down too, and delivers it once after a restart", async () => {
    const env = deliveryEnv(fleet, { standIn, sink });
    const first = await startOyster(env, clock);
    running.push(first);
    standIn.misbehave({ kind: "http500" });

    await rig.node("node-2").stop();
    await first.guardianStep();
    clock.advance(60_000);
    const raisedRun = await first.guardianStep();
    const alertId = raisedRun.results.find((r) => r.check === "node_availability" && r.node === "node-2")?.alert?.id;
    assert.ok(alertId, "the second failing run raises an alert");
    assert.ok(standIn.calls.some((c) => c.method === "chat.postMessage"), "Slack was tried first");
    assert.equal(standIn.messages().length, 0);
    assert.equal(sink.messages.length, 1, "the raise went by email");
    const raiseMail = sink.messages[0]!;
    assert.match(raiseMail.subject, /^\[Oyster\] CRITICAL node-2: node_availability: /);
    assert.deepEqual(raiseMail.to, ["ops@test"]);
    const raiseKey = raiseMail.key;
    assert.match(first.wired.delivery.outbox.get(raiseKey)?.lastError ?? "", /^slack: .*500/);

    // SMTP goes down as well; the node recovers, so the next event is the resolution.
    await sink.stop();
    await rig.node("node-2").start();
    clock.advance(5 * 60_000);
    await first.guardianStep();
    const outbox = first.wired.delivery.outbox;
    assert.deepEqual(outbox.counts(), { pending: 1, sending: 0, delivered: 1 }, "the resolution waits in the outbox");
    const waiting = outbox.list({ status: "pending" })[0]!;
    assert.match(waiting.key, new RegExp(`^alert:${alertId}:resolved:`));
    assert.match(waiting.lastError ?? "", /^slack: .*500.*; email: .*ECONNREFUSED/);
    await first.close();
    running.pop();

    // A restart over the same data dir, with Slack and SMTP both back.
    standIn.reset();
    await sink.restart();
    const second = await startOyster(env, clock);
    running.push(second);
    second.wired.delivery.deliverer.start();
    clock.advance(31_000); // past the first retry delay (30 s)
    await second.drain();

    const posts = topLevel(standIn);
    const aboutAlert = posts.filter((m) => shown(m).includes(alertId) && !/went by email/.test(m.text ?? ""));
    const resolveMails = sink.messages.filter((m) => m.key === waiting.key);
    assert.equal(aboutAlert.length + resolveMails.length, 1, "the resolution arrives exactly once, Slack and email counted together");
    assert.equal(aboutAlert.length, 1, "Slack, being back, took it");
    assert.match(aboutAlert[0]!.text ?? "", /resolved: .*node_availability on node-2/);
    assert.equal(sink.messages.filter((m) => m.key === raiseKey).length, 1, "the raise is not emailed again");
    assert.equal(sink.messages.length, 1);

    const summaries = posts.filter((m) => /went by email/.test(m.text ?? ""));
    assert.equal(summaries.length, 1, "one fallback summary once Slack delivers again");
    assert.match(shown(summaries[0]), /CRITICAL node-2: node_availability/);
    assert.equal(posts.length, 2, "the resolution and the summary, nothing else");

    // Another pass finds nothing left: no second summary, no repeat.
    clock.advance(30 * 60_000);
    await second.drain();
    assert.equal(standIn.messages().length, 2);
    assert.deepEqual(second.wired.delivery.outbox.counts(), { pending: 0, sending: 0, delivered: 3 });
  });
});
