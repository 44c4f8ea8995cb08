// The daily report through the wired outbox: to everyone on every channel, Block Kit in the
// report channel AND an email with the same headline as subject; one channel failing does not
// hold up (or duplicate) the other.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { runCli } from "../../../src/cli.ts";
import { buildReport, composeMessage, liveReachability } from "../../../src/report/index.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { SmtpSink } from "../../helpers/smtp-sink.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { ALERTS, DELIVERY_CONFIG, deliveryEnv, fakeClock, REPORTS, startOyster } from "./delivery-fixture.ts";

describe("the daily report delivered", () => {
  let rig: Rig;
  let fleet: Fleet;
  let standIn: StandIn;
  let sink: SmtpSink;
  const clock = fakeClock();
  let headline = "";

  before(async () => {
    [rig, standIn, sink] = await Promise.all([startRig(1), startStandIn(), SmtpSink.start()]);
    fleet = makeFleet(rig, { oyster: DELIVERY_CONFIG });
  });
  after(async () => Promise.all([rig?.close(), standIn?.close(), sink?.stop()]));

  it("posts the report to the report channel as Block Kit and emails it, both led by the same headline", async () => {
    const oyster = await startOyster(deliveryEnv(fleet, { standIn, sink }), clock);
    try {
      const { rt } = oyster;
      const report = await buildReport({ config: rt.config, store: rt.store, now: clock.now, reachability: liveReachability(rt.ssh) });
      headline = report.headline;
      assert.match(headline, /^Oyster daily report \d{4}-\d\d-\d\d: 1\/1 nodes up, /);
      await oyster.wired.reportSink.sendReport(composeMessage(report));
      await oyster.drain();
    } finally {
      await oyster.close();
    }
    const posted = standIn.messages(REPORTS);
    assert.equal(posted.length, 1);
    const [m] = posted;
    assert.ok(m!.text?.startsWith(`${headline}\n`), `the notification text starts with the headline: ${m!.text?.slice(0, 120)}`);
    const blocks = m!.blocks as Array<{ type: string; text?: { text: string } }>;
    assert.equal(blocks[0]?.type, "header");
    assert.equal(blocks[1]?.text?.text, `*${headline}*`);
    assert.ok(blocks.filter((b) => b.type === "divider").length >= 5, "one divided section per part of the report");
    assert.equal(standIn.messages(ALERTS).length, 0, "nothing in the alert channel");
    assert.deepEqual(sink.messages.map((mail) => mail.subject), [headline], "the email copy, with the same headline");
    assert.ok(sink.messages[0]!.text.startsWith(`${headline}\n`));
  });

  it("still emails the report when `oyster report --send` finds Slack answering 500, and keeps the Slack copy for later", async () => {
    standIn.reset();
    standIn.misbehave({ kind: "http500" });
    sink.messages.length = 0;
    // A fresh state.db: the first test's delivery would make this one a repeat (one per subject per day).
    const env = { ...deliveryEnv(fleet, { standIn, sink }), OYSTER_DATA_DIR: tmpDir() };
    const c = captureOutput();
    const code = await runCli(["report", "--send", "--json"], { env, out: c.out, now: clock.now });
    assert.equal(code, 0, c.stderr);
    const doc = JSON.parse(c.stdout) as { sent: boolean; subject: string };
    assert.deepEqual([doc.sent, doc.subject], [true, headline], "the same state on the same day: the same headline");
    assert.equal(sink.messages.length, 1);
    const [mail] = sink.messages;
    assert.equal(mail!.subject, headline);
    assert.ok(mail!.text.startsWith(`${headline}\n`));
    assert.match(mail!.html, /<html/);
    assert.match(mail!.key, /^report:Oyster daily report /);
    assert.ok(standIn.calls.some((call) => call.method === "chat.postMessage" && call.body.channel === REPORTS), "Slack was tried too");
    assert.equal(standIn.messages().length, 0);
    assert.equal(sink.messages.length, 1, "the Slack copy never falls back to a second email");
  });

  it("keeps `oyster report --send --json` output parseable while Slack rate-limits it", async () => {
    standIn.reset();
    standIn.misbehave({ kind: "rate-limited", retryAfterSeconds: 1, times: 3 });
    sink.messages.length = 0;
    const env = { ...deliveryEnv(fleet, { standIn, sink }), OYSTER_DATA_DIR: tmpDir() };
    const run = await runOyster(["report", "--send", "--json"], env);
    assert.equal(run.code, 0, run.stderr);
    let doc: { subject?: string } = {};
    assert.doesNotThrow(() => (doc = JSON.parse(run.stdout)), `stdout is one JSON document:\n${run.stdout.slice(-400)}`);
    assert.ok(standIn.calls.length >= 3, "the client retried through the 429s");
    assert.ok(standIn.messages(REPORTS).length <= 1, "never posted twice");
    assert.deepEqual(sink.messages.map((m) => m.subject), [doc.subject]);
  });
});
