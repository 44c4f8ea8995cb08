// An announcement (an OCI grab's success, say) through the wired outbox: a new message in Slack
// (its own channel, else the alert channel) AND an email, one outbox item each, no fallback
// between the two copies. No SSH rig: an announcement touches no node, only Slack, SMTP and state.db.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import type { Announcement } from "../../../src/notify/announcement.ts";
import { startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { SmtpSink } from "../../helpers/smtp-sink.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { ALERTS, DELIVERY_CONFIG, fakeClock, shown, startOyster, type OysterProcess } from "./delivery-fixture.ts";

const GRAB_CHANNEL = "CGRAB";

const launched = (over: Partial<Announcement> = {}): Announcement => ({
  key: "oci-grab:g1:launched",
  subject: "OCI instance launched: oyster-arm-1",
  text: "OCI instance launched: oyster-arm-1 <ocid1.instance.oc1..x> & ready",
  html: "<p>OCI instance launched</p>",
  blocks: [{ type: "section", text: { type: "mrkdwn", text: "*OCI instance launched*: `ssh opc@203.0.113.7`" } }],
  ...over,
});

/** A config dir with only oyster.json, a fresh data dir: what an announcement needs. */
function envWith(oyster: Record<string, unknown>, to: { standIn?: StandIn; sink?: SmtpSink }): NodeJS.ProcessEnv {
  const root = tmpDir("oyster-announce-");
  const configDir = join(root, "config");
  mkdirSync(configDir);
  writeFileSync(join(configDir, "oyster.json"), JSON.stringify(oyster));
  return {
    PATH: process.env.PATH, HOME: root, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: join(root, "data"),
    ...(to.standIn ? { SLACK_BOT_TOKEN: "xoxb-test", SLACK_APP_TOKEN: "xapp-test", SLACK_API_URL: to.standIn.apiUrl } : {}),
    ...(to.sink ? { SMTP_URL: to.sink.url() } : {}),
  };
}

describe("an announcement delivered", () => {
  let standIn: StandIn;
  let sink: SmtpSink;
  const running: OysterProcess[] = [];
  const clock = fakeClock();
  const start = async (env: NodeJS.ProcessEnv) => {
    const p = await startOyster(env, clock);
    running.push(p);
    return p;
  };

  before(async () => {
    [standIn, sink] = await Promise.all([startStandIn(), SmtpSink.start()]);
  });
  beforeEach(() => {
    standIn.reset();
    sink.messages.length = 0;
  });
  after(async () => {
    for (const p of running) await p.close();
    await Promise.all([standIn?.close(), sink?.stop()]);
  });

  it("posts a new message in the given channel and emails it, one outbox item each, once however often it is announced", async () => {
    const oyster = await start(envWith(DELIVERY_CONFIG, { standIn, sink }));
    await oyster.wired.announcer.announce(launched({ slackChannel: GRAB_CHANNEL }));
    await oyster.wired.announcer.announce(launched({ slackChannel: GRAB_CHANNEL }));
    await oyster.drain();
    await oyster.wired.announcer.announce(launched({ slackChannel: GRAB_CHANNEL }));
    await oyster.drain();

    const posted = standIn.messages(GRAB_CHANNEL);
    assert.equal(posted.length, 1);
    assert.equal(posted[0]!.thread_ts, undefined, "a new message, not a reply");
    assert.equal(posted[0]!.text, "OCI instance launched: oyster-arm-1 &lt;ocid1.instance.oc1..x&gt; &amp; ready", "the notification text is escaped");
    assert.match(shown(posted[0]), /ssh opc@203\.0\.113\.7/);
    assert.equal(standIn.messages(ALERTS).length, 0, "not also in the alert channel");
    assert.deepEqual(sink.messages.map((m) => [m.subject, m.key]), [["OCI instance launched: oyster-arm-1", "oci-grab:g1:launched:email"]]);
    assert.equal(sink.messages[0]!.text.trim(), launched().text);
    const rows = oyster.wired.delivery.outbox.list().map((e) => [e.key, e.status, e.deliveredVia]).sort();
    assert.deepEqual(rows, [["oci-grab:g1:launched:email", "delivered", "email"], ["oci-grab:g1:launched:slack", "delivered", "slack"]]);
  });

  it("posts in the alert channel when the announcement names no channel", async () => {
    const oyster = await start(envWith(DELIVERY_CONFIG, { standIn, sink }));
    await oyster.wired.announcer.announce(launched());
    await oyster.drain();
    assert.equal(standIn.messages(ALERTS).length, 1);
    assert.equal(sink.messages.length, 1);
  });

  it("posts in its own channel even without an alert channel, and sends only the email when it names none", async () => {
    const oyster = await start(envWith({ email: DELIVERY_CONFIG.email }, { standIn, sink }));
    await oyster.wired.announcer.announce(launched({ key: "a:own", slackChannel: GRAB_CHANNEL }));
    await oyster.wired.announcer.announce(launched({ key: "a:none" }));
    await oyster.drain();
    assert.equal(standIn.messages(GRAB_CHANNEL).length, 1);
    assert.deepEqual(sink.messages.map((m) => m.key).sort(), ["a:none:email", "a:own:email"]);
    assert.equal(oyster.wired.delivery.outbox.get("a:none:slack"), undefined, "no Slack copy that could never be sent");
    assert.equal(oyster.wired.delivery.outbox.counts().pending, 0);
  });

  it("keeps the Slack copy in the outbox and retries it while Slack answers 500; the email copy goes at once and only once", async () => {
    const oyster = await start(envWith(DELIVERY_CONFIG, { standIn, sink }));
    const { outbox } = oyster.wired.delivery;
    standIn.misbehave({ kind: "http500" });
    await oyster.wired.announcer.announce(launched());
    await oyster.drain();
    assert.deepEqual(sink.messages.map((m) => m.key), ["oci-grab:g1:launched:email"]);
    const waiting = outbox.get("oci-grab:g1:launched:slack");
    assert.equal(waiting?.status, "pending");
    assert.match(waiting?.lastError ?? "", /^slack: /);
    assert.ok(standIn.calls.some((c) => c.method === "chat.postMessage"), "Slack was tried");

    standIn.reset();
    clock.advance(Date.parse(waiting!.nextAttemptAt) - clock.now().getTime());
    await oyster.drain();
    assert.equal(standIn.messages(ALERTS).length, 1, "posted once Slack is back");
    assert.equal(outbox.get("oci-grab:g1:launched:slack")?.deliveredVia, "slack");
    assert.equal(sink.messages.length, 1, "the Slack copy never fell back to a second email");
  });

  it("keeps the announcement pending when neither Slack nor email is configured", async () => {
    const oyster = await start(envWith({}, {}));
    await oyster.wired.announcer.announce(launched());
    await oyster.drain();
    const rows = oyster.wired.delivery.outbox.list();
    assert.deepEqual(rows.map((e) => [e.key, e.status]), [["oci-grab:g1:launched", "pending"]]);
    assert.match(rows[0]!.lastError ?? "", /no delivery channel is configured/);
  });
});
