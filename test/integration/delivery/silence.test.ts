// A silence for maintenance over a real rig: the guardian, the AlertBook, the outbox, Slack through
// a real WebClient at the stand-in and email to a real SMTP sink, all on one fake clock; the
// silence itself added, read and removed with `oyster` commands in-process, as an operator would.
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { after, before, describe, it } from "node:test";
import { runCli } from "../../../src/cli.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { SmtpSink } from "../../helpers/smtp-sink.ts";
import { DELIVERY_CONFIG, deliveryEnv, fakeClock, shown, startOyster, topLevel, type OysterProcess } from "./delivery-fixture.ts";

describe("a silence on a node over a real rig", () => {
  let rig: Rig;
  let fleet: Fleet;
  let standIn: StandIn;
  let sink: SmtpSink;
  let oyster: OysterProcess;
  let env: NodeJS.ProcessEnv;
  const clock = fakeClock();

  /** `oyster <argv>` from a terminal next to the running bot: its own process state, the same files. */
  async function cli(...argv: string[]) {
    const c = captureOutput();
    const code = await runCli(argv, { env, out: c.out, io: { input: new PassThrough(), output: new PassThrough() }, now: clock.now });
    return { code, stdout: c.stdout, stderr: c.stderr };
  }

  before(async () => {
    [rig, standIn, sink] = await Promise.all([startRig(3), startStandIn(), SmtpSink.start()]);
    fleet = makeFleet(rig, { oyster: DELIVERY_CONFIG });
    env = deliveryEnv(fleet, { standIn, sink });
    oyster = await startOyster(env, clock);
  });
  after(async () => {
    await oyster?.close();
    await Promise.all([rig?.close(), standIn?.close(), sink?.stop()]);
  });

  it("keeps node-3's alert off Slack and email for two guardian runs, lists it as silenced, and notifies it once when the silence is removed", async () => {
    const added = await cli("silence", "add", "--node", "node-3", "--for", "2h", "--reason", "planned reboot");
    assert.equal(added.code, 0, added.stderr);
    await rig.node("node-3").stop();

    await oyster.guardianStep();
    clock.advance(60_000);
    const run2 = await oyster.guardianStep();
    const alert = run2.results.find((r) => r.check === "node_availability" && r.node === "node-3")?.alert;
    assert.equal(alert?.status, "open", "the second failing run raises the alert, silence or not");

    const listed = await cli("alerts", "--json");
    const doc = JSON.parse(listed.stdout) as { alerts: Array<{ id: string; node: string; status: string; silenced?: { id: string; by: string; reason: string } }> };
    const entry = doc.alerts.find((a) => a.id === alert!.id);
    assert.deepEqual([entry?.node, entry?.status, entry?.silenced?.id, entry?.silenced?.reason], ["node-3", "open", "S1", "planned reboot"]);
    assert.match((await cli("alerts")).stdout, /open, silenced until 2026-11-27 11:00 UTC by cli:\S+ \(planned reboot\)\s+node_availability\s+node-3/);

    assert.equal(standIn.messages().length, 0, "nothing posted to Slack");
    assert.equal(sink.messages.length, 0, "nothing mailed");
    const held = oyster.wired.delivery.outbox.list().filter((e) => e.key.startsWith(`alert:${alert!.id}:`));
    assert.deepEqual(held.map((e) => [e.status, e.deliveredVia]), [["delivered", "silenced"]], "the raise reached the outbox and was held there");

    clock.advance(5 * 60_000);
    const removed = await cli("silence", "remove", "S1");
    assert.equal(removed.code, 0, removed.stderr);
    await oyster.drain();
    const posted = topLevel(standIn);
    assert.equal(posted.length, 1, "notified once: one new message");
    assert.match(shown(posted[0]), /node_availability on node-3/);

    // The bot's next rounds and the next guardian run (within reminderMinutes) add nothing.
    await oyster.drain();
    clock.advance(60_000);
    await oyster.guardianStep();
    assert.equal(standIn.messages().length, 1, "no second notice and no reply in its thread");
    assert.equal(sink.messages.length, 0, "Slack took it: no email");
  });
});
