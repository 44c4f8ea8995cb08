// `oyster doctor` against real sshd nodes (the first case through the built bin: run
// `node scripts/build.mjs` first), the Slack stand-in and real SQLite: what is wrong, how to
// fix it, and the exit code.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli } from "../../../src/cli.ts";
import type { DoctorData } from "../../../src/doctor/types.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { writeRigConfig } from "../../helpers/rig-config.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { makeDispatchDb } from "../../unit/doctor/doctor-fixture.ts";

const CONNECT_TIMEOUT_MS = 2500;

describe("oyster doctor on the rig", () => {
  let rig: Rig;
  let standIn: StandIn;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    [rig, standIn] = await Promise.all([startRig(3), startStandIn()]);
    const root = tmpDir();
    const dispatchDir = join(root, "dispatch");
    mkdirSync(dispatchDir);
    makeDispatchDb(join(dispatchDir, "dispatch.db"));
    writeRigConfig(rig, join(root, "config"), { ssh: { connectTimeoutMs: CONNECT_TIMEOUT_MS }, oyster: { dispatch: { dir: dispatchDir }, slack: { alertChannel: "C0ALERTS01" } } });
    env = { PATH: process.env.PATH, HOME: root, OYSTER_CONFIG_DIR: join(root, "config"), OYSTER_DATA_DIR: join(root, "data") };
  });
  after(async () => Promise.all([rig?.close(), standIn?.close()]));

  async function doctor(extraEnv: NodeJS.ProcessEnv = {}, json = false): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
    const c = captureOutput();
    const started = performance.now();
    const code = await runCli(["doctor", ...(json ? ["--json"] : [])], { env: { ...env, ...extraEnv }, out: c.out });
    return { code, stdout: c.stdout, stderr: c.stderr, ms: performance.now() - started };
  }
  const slackEnv = () => ({ SLACK_BOT_TOKEN: "xoxb-doctor-rig-token", SLACK_APP_TOKEN: "xapp-doctor-rig-token", SLACK_API_URL: standIn.apiUrl });

  it("one node stopped and no Slack tokens: that node's line and Slack's say what is wrong and how to fix it; exit 1", async () => {
    await rig.node("node-2").stop();
    try {
      // The real `oyster` bin (dist/), as an operator runs it.
      const text = await runOyster(["doctor"], env);
      assert.equal(text.code, 1, text.stderr);
      assert.match(text.stdout, /^ {2}FAIL node-2: cannot reach \[127\.0\.0\.1\]:\d+: ECONNREFUSED\n {7}fix: start the node \(or its sshd\), or correct its address: oyster nodes shows it; ssh node-2 must work$/m);
      assert.match(text.stdout, /^ {2}FAIL tokens: Slack is off: SLACK_BOT_TOKEN and SLACK_APP_TOKEN are not set\n {7}fix: set SLACK_BOT_TOKEN=xoxb-\.\.\. and SLACK_APP_TOKEN=xapp-\.\.\. in \.env/m);
      assert.match(text.stdout, /^ {2}ok {3}node-1: reached, host key known, sudo -n ran systemctl/m);
      assert.match(text.stdout, /^2 failed, \d+ warned, \d+ ok: fix the failures above$/m);

      const json = await doctor({}, true);
      assert.equal(json.code, 1);
      const doc = JSON.parse(json.stdout) as DoctorData;
      assert.equal(doc.ok, false);
      assert.deepEqual(doc.checks.filter((c) => c.status === "fail").map((c) => [c.area, c.name]), [["nodes", "node-2"], ["slack", "tokens"]]);
      assert.deepEqual(doc.checks.filter((c) => c.area === "nodes").map((c) => [c.name, c.status]), [["node-1", "ok"], ["node-2", "fail"], ["node-3", "ok"]]);
      // What each node was asked: one sudo -n per run (two runs here), never a prompt.
      assert.deepEqual(rig.node("node-1").calls().filter((c) => c.startsWith("sudo")), ["sudo -n systemctl --version", "sudo -n systemctl --version"]);
    } finally {
      await rig.node("node-2").start();
    }
  });

  it("all well for what exists (Slack answering, no SMTP): exit 0, nothing failed, the email fallback a warning", async () => {
    standIn.reset();
    const r = await doctor(slackEnv(), true);
    const doc = JSON.parse(r.stdout) as DoctorData;
    assert.equal(r.code, 0, JSON.stringify(doc.checks.filter((c) => c.status !== "ok"), null, 2));
    assert.equal(doc.ok, true);
    assert.deepEqual(doc.checks.filter((c) => c.status !== "ok").map((c) => [c.area, c.name, c.status]), [["email", "SMTP_URL", "warn"]]);
    assert.deepEqual(doc.checks.filter((c) => c.area === "slack").map((c) => [c.name, c.status]), [["SLACK_BOT_TOKEN", "ok"], ["SLACK_APP_TOKEN", "ok"], ["slack.alertChannel", "ok"], ["slack.reportChannel", "ok"]]);
    assert.deepEqual(doc.checks.filter((c) => c.area === "dispatch").map((c) => c.status), ["ok", "ok"]);
    assert.doesNotMatch(r.stdout, /xoxb-doctor-rig-token|xapp-doctor-rig-token/);
  });

  it("a hung node costs one connect timeout, and the others are checked meanwhile", async () => {
    await rig.node("node-3").hang();
    try {
      const r = await doctor(slackEnv(), true);
      const doc = JSON.parse(r.stdout) as DoctorData;
      assert.equal(r.code, 1);
      const node3 = doc.checks.find((c) => c.name === "node-3");
      assert.equal(node3?.status, "fail");
      assert.match(node3?.detail ?? "", /no SSH session within 2500 ms/);
      assert.match(node3?.fix ?? "", /does not answer SSH/);
      assert.deepEqual(doc.checks.filter((c) => c.area === "nodes" && c.status === "ok").map((c) => c.name), ["node-1", "node-2"]);
      assert.ok(r.ms < 2 * CONNECT_TIMEOUT_MS + 1500, `took ${Math.round(r.ms)} ms`);
    } finally {
      await rig.node("node-3").resume();
    }
  });

  it("sudo that wants a password fails with the sudoers line to add", async () => {
    rig.node("node-1").sudoNeedsPassword(true);
    try {
      const r = await doctor(slackEnv(), true);
      const node1 = (JSON.parse(r.stdout) as DoctorData).checks.find((c) => c.name === "node-1");
      assert.equal(r.code, 1);
      assert.equal(node1?.detail, "sudo -n systemctl refused: sudo: a password is required");
      assert.equal(node1?.fix, `allow it without a password (visudo): ${rig.user} ALL=(root) NOPASSWD: /usr/bin/systemctl, /usr/bin/install`);
    } finally {
      rig.node("node-1").sudoNeedsPassword(false);
    }
  });

  it("a node whose host key changed fails, with the fingerprint it presented and the command that trusts exactly it", async () => {
    await rig.node("node-3").rekey();
    const r = await doctor(slackEnv(), true);
    const node3 = (JSON.parse(r.stdout) as DoctorData).checks.find((c) => c.name === "node-3");
    assert.equal(r.code, 1);
    assert.match(node3?.detail ?? "", /^HOST KEY CHANGED: SHA256:\S+ does not match /);
    assert.match(node3?.fix ?? "", new RegExp(`^only if the node was rebuilt .* run: ssh-keygen -R '\\[127\\.0\\.0\\.1\\]:${rig.node("node-3").port}' -f '${rig.knownHostsPath}' && printf '%s\\\\n' '\\[127\\.0\\.0\\.1\\]:${rig.node("node-3").port} ssh-ed25519 `));
  });
});
