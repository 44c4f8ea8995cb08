// With `"locale": "zh-CN"`, an alert that goes by email (Slack failing: HTTP 500 from the stand-in)
// reaches the real SMTP server written in Chinese: subject, heading, facts; the node, the check
// and the message as they are, times in ISO UTC.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { SmtpSink } from "../../helpers/smtp-sink.ts";
import { waitUntil } from "../../helpers/wait-until.ts";
import { DELIVERY_CONFIG, deliveryEnv, fakeClock, startOyster } from "../delivery/delivery-fixture.ts";

describe("an alert by email in Chinese", () => {
  let rig: Rig;
  let fleet: Fleet;
  let standIn: StandIn;
  let sink: SmtpSink;
  const clock = fakeClock("2026-12-07T09:00:00.000Z");

  before(async () => {
    [rig, standIn, sink] = await Promise.all([startRig(2), startStandIn(), SmtpSink.start()]);
    fleet = makeFleet(rig, { oyster: { ...DELIVERY_CONFIG, locale: "zh-CN" } });
  });
  after(async () => Promise.all([rig?.close(), standIn?.close(), sink?.stop()]));

  it("falls back to email while Slack answers 500, and the email reads in Chinese", async () => {
    standIn.misbehave({ kind: "http500" });
    const oyster = await startOyster(deliveryEnv(fleet, { standIn, sink }), clock);
    await rig.node("node-2").stop();
    try {
      await oyster.guardianStep();
      clock.advance(60_000);
      await oyster.guardianStep();
      await waitUntil(() => sink.messages.some((m) => m.subject?.includes("node_availability")), "the alert by email");
      const mail = sink.messages.find((m) => m.subject?.includes("node_availability"))!;
      assert.match(mail.subject ?? "", /^\[Oyster\] 严重 node-2：node_availability：/);
      assert.match(mail.text, /^新告警：严重 node-2：node_availability$/m);
      for (const want of [/^节点:\s+node-2$/m, /^检查项:\s+node_availability$/m, /^级别:\s+严重$/m, /^状态:\s+未处理$/m, /^首次发现:\s+2026-12-07T09:01:00\.000Z$/m, /oyster ack A\d+/]) assert.match(mail.text, want);
      assert.match(mail.html, /<html lang="zh-CN">/);
      assert.ok(!/New alert|CRITICAL|Severity|First seen|Fix attempts/.test(`${mail.subject}\n${mail.text}`), mail.text);
    } finally {
      await rig.node("node-2").start();
      await oyster.close();
    }
  });
});
