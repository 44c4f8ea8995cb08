// `"locale": "zh-CN"` end to end over a real rig: `oyster status` (the real CLI), an alert the
// guardian raises delivered to the Slack stand-in through the outbox, and the daily report (text,
// Slack, email) read in Chinese; `status --json` and `report --json` are byte for byte the same
// in both languages (JSON is never translated).
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli } from "../../../src/cli.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { SmtpSink } from "../../helpers/smtp-sink.ts";
import { ALERTS, DELIVERY_CONFIG, deliveryEnv, fakeClock, REPORTS, shown, startOyster, topLevel } from "../delivery/delivery-fixture.ts";

type Locale = "en" | "zh-CN";

describe('"locale": "zh-CN" over the rig', () => {
  let rig: Rig;
  let fleet: Fleet;
  let standIn: StandIn;
  let sink: SmtpSink;
  const clock = fakeClock("2026-12-07T09:00:00.000Z");

  /** The one config dir, switched between languages: everything else (paths, state) stays the same. */
  const setLocale = (locale: Locale) => {
    const path = join(fleet.configDir, "oyster.json");
    const oyster = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    if (locale === "en") delete oyster.locale;
    else oyster.locale = locale;
    writeFileSync(path, JSON.stringify(oyster, null, 2));
  };

  /** `oyster <args>` in-process on the test's clock (report times come from it). */
  const cli = async (args: string[], env = fleet.env) => {
    const c = captureOutput();
    const code = await runCli(args, { env, out: c.out, now: clock.now });
    return { code, stdout: c.stdout, stderr: c.stderr };
  };

  before(async () => {
    [rig, standIn, sink] = await Promise.all([startRig(3), startStandIn(), SmtpSink.start()]);
    fleet = makeFleet(rig, { oyster: DELIVERY_CONFIG, ssh: { connectTimeoutMs: 1500 } });
  });
  after(async () => {
    setLocale("en");
    await Promise.all([rig?.close(), standIn?.close(), sink?.stop()]);
  });

  it("oyster status reads in Chinese, node names and error codes as they are; English stays English", async () => {
    await rig.node("node-2").stop();
    try {
      setLocale("zh-CN");
      const zh = await runOyster(["status"], fleet.env);
      assert.equal(zh.code, 1, zh.stderr);
      const lines = zh.stdout.split("\n");
      assert.match(lines[0]!, /^节点\s+状态\s+延迟\s+运行时长\s+负载\s+磁盘\s+可用内存$/);
      assert.match(zh.stdout, /^node-1\s+在线\s+\d+ ms\s/m);
      assert.match(zh.stdout, /^node-2\s+离线\s+-\s+-\s+SshUnreachable: /m);
      assert.match(zh.stdout, /^dispatch：/m);
      for (const english of ["NODE", "STATE", "LATENCY", "MEMORY FREE", "DOWN", " up ", "dispatch: "]) assert.ok(!zh.stdout.includes(english), `no "${english}" in\n${zh.stdout}`);
      assert.doesNotMatch(zh.stdout, /\x1b/, "a pipe gets no colour");

      setLocale("en");
      const en = await runOyster(["status"], fleet.env);
      assert.match(en.stdout, /^NODE\s+STATE\s+LATENCY/);
      assert.match(en.stdout, /^node-2\s+DOWN\s+-\s+-\s+SshUnreachable: /m);
    } finally {
      setLocale("en");
      await rig.node("node-2").start();
    }
  });

  it("status --json is the same document in both languages (only what changes run to run masked)", async () => {
    await rig.node("node-3").stop();
    try {
      const runs: Record<string, string> = {};
      for (const locale of ["en", "zh-CN", "en"] as const) {
        setLocale(locale);
        const r = await runOyster(["status", "--json"], fleet.env);
        assert.equal(r.code, 1, r.stderr);
        // Latency, uptime, load, disk and memory of the nodes that answer move between any two runs.
        const doc = JSON.parse(r.stdout) as { nodes: Array<Record<string, unknown>> };
        for (const n of doc.nodes) if (n.reachable) for (const k of ["latencyMs", "uptimeSeconds", "load", "disk", "memory", "filesystems"]) if (k in n) n[k] = "~";
        runs[locale] = JSON.stringify(doc);
      }
      assert.equal(runs["zh-CN"], runs.en);
      assert.ok(!/[\u4e00-\u9fff]/.test(runs["zh-CN"]!), "no Chinese in JSON");
    } finally {
      setLocale("en");
      await rig.node("node-3").start();
    }
  });

  it("an alert the guardian raises reaches Slack through the outbox in Chinese, with Chinese buttons", async () => {
    setLocale("zh-CN");
    const oyster = await startOyster(deliveryEnv(fleet, { standIn, sink }), clock);
    await rig.node("node-2").stop();
    try {
      await oyster.guardianStep();
      clock.advance(60_000);
      await oyster.guardianStep();
      const [message] = topLevel(standIn, ALERTS);
      assert.ok(message, "the second failing run posts the alert");
      const s = shown(message);
      for (const want of ["*严重*", "*node-2* 上的 `node_availability`", "*状态*", "未处理", "*首次发现*", "2026-12-07 09:0", "确认处理", "暂缓 1 小时", "暂缓 24 小时"]) {
        assert.ok(s.includes(want), `${want} in ${s}`);
      }
      for (const english of ["CRITICAL", "Acknowledge", "Snooze", "First seen", "Attempts", " on *node-2*", "<!date^"]) assert.ok(!s.includes(english), `no "${english}" in ${s}`);
      assert.match(message!.text ?? "", /\[严重\] A\d+ /);
    } finally {
      await rig.node("node-2").start();
      await oyster.close();
      setLocale("en");
    }
  });

  it("the report reads in Chinese on the terminal, in Slack and by email; report --json is byte for byte English", async () => {
    await rig.node("node-2").stop();
    try {
      setLocale("zh-CN");
      const text = await cli(["report"]);
      assert.equal(text.code, 0, text.stderr);
      const lines = text.stdout.split("\n");
      assert.match(lines[0]!, /^Oyster 日报 2026-12-07：2\/3 个节点在线，/);
      assert.equal(lines[1], "截至 2026-12-07 09:01 UTC 的 24 小时");
      for (const want of [/^节点\s+当前 2\/3 在线，1 个离线$/m, /^\s+当前离线：node-2：SshUnreachable: /m, /^告警\s+新增 /m, /^快照备份\s+/m, /^同步\s+/m, /^定时作业\s+/m]) assert.match(text.stdout, want);
      for (const english of ["daily report", "Nodes ", "Alerts ", "Backup ", "Sync ", "Jobs ", "down now", "still open", "up now"]) assert.ok(!text.stdout.includes(english), `no "${english}" in\n${text.stdout}`);

      standIn.reset();
      sink.messages.length = 0;
      const sent = await cli(["report", "--send"], deliveryEnv(fleet, { standIn, sink }));
      assert.equal(sent.code, 0, sent.stderr);
      assert.match(sent.stdout, /日报已发送：Oyster 日报 2026-12-07：/);
      const [posted] = standIn.messages(REPORTS);
      const s = shown(posted);
      for (const want of ["Oyster 日报 2026-12-07", "*节点*  当前 2/3 在线", "*当前离线*", "*告警*", "*定时作业*"]) assert.ok(s.includes(want), `${want} in ${s}`);
      for (const english of ["*Nodes*", "*Alerts*", "*down now*", "daily report"]) assert.ok(!s.includes(english), `no ${english} in ${s}`);
      assert.match(sink.messages[0]?.subject ?? "", /^Oyster 日报 2026-12-07：/, "the email copy's subject is the Chinese headline");

      const json: Partial<Record<Locale, string>> = {};
      for (const locale of ["en", "zh-CN"] as const) {
        setLocale(locale);
        const r = await cli(["report", "--json"]);
        assert.equal(r.code, 0, r.stderr);
        json[locale] = r.stdout;
      }
      // node-1 and node-3 answer with live disk and memory figures: mask those alone.
      const stable = (doc: string) => doc.replace(/"resources":\{[^]*?\}\}/g, '"resources":"~"');
      assert.equal(stable(json["zh-CN"]!), stable(json.en!));
      assert.ok(!/[\u4e00-\u9fff]/.test(json["zh-CN"]!), "no Chinese in JSON");
    } finally {
      setLocale("en");
      await rig.node("node-2").start();
    }
  });

  it("with every node down, status --json and report --json are byte-identical between en and zh-CN, nothing masked", async () => {
    for (const n of rig.nodes) await n.stop();
    try {
      const out: Record<string, string[]> = { en: [], "zh-CN": [] };
      for (const locale of ["en", "zh-CN"] as const) {
        setLocale(locale);
        const status = await runOyster(["status", "--json"], fleet.env);
        assert.equal(status.code, 1, status.stderr);
        const report = await cli(["report", "--json"]);
        assert.equal(report.code, 0, report.stderr);
        out[locale] = [status.stdout, report.stdout];
      }
      assert.equal(out["zh-CN"]![0], out.en![0], "status --json");
      assert.equal(out["zh-CN"]![1], out.en![1], "report --json");
      assert.match(out.en![1]!, /"headline": ?"Oyster daily report 2026-12-07: 0\/3 nodes up/);
    } finally {
      setLocale("en");
      for (const n of rig.nodes) await n.start();
    }
  });
});
