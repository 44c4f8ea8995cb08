// What a viewer reads from Slack (design.md's "Roles in Slack"), with slack.allowedChannels unset
// so that every member of the workspace is a viewer: the real Bolt app, the Slack stand-in, a
// real sshd node and real files. Viewers read the fleet's health; logs, ps, units, db, dispatch
// status, outbox and audit are an operator's: refused privately, audited as denied, nothing run.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { commands } from "../../../commands/index.ts";
import { openRuntime, type Runtime } from "../../../src/runtime.ts";
import { createSlackApp, type SlackApp } from "../../../src/slack/app.ts";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

const OPERATOR_READS = ["logs task web 7", "logs oyster", "logs dispatch", "ps node-1", "units node-1 agent-daemon --lines 1000", "db", "dispatch status", "outbox", "audit"];
const VIEWER_READS = ["help", "status", "check", "alerts", "quota", "jobs", "nodes", "backups", "report", "oci-grab status"];

describe("/oyster roles for what a viewer reads", () => {
  let rig: Rig;
  let fleet: Fleet;
  let standIn: StandIn;
  let rt: Runtime;
  let slack: SlackApp;
  const statusRan = () => existsSync(join(fleet.dispatchDir, "status-ran"));

  beforeEach(async () => {
    rig = await startRig(1);
    fleet = makeFleet(rig, { oyster: { roles: { operators: ["UOPER"] } } });
    // dispatch status leaves a mark, so a run on the controller is seen; a project with a task log.
    const oysterJson = join(fleet.configDir, "oyster.json");
    const oyster = JSON.parse(readFileSync(oysterJson, "utf8"));
    writeFileSync(oysterJson, JSON.stringify({ ...oyster, dispatch: { ...oyster.dispatch, statusCommand: "touch status-ran; echo all running" } }));
    writeFileSync(join(fleet.configDir, "projects.json"), JSON.stringify({ projects: [{ name: "web" }] }));
    mkdirSync(join(fleet.dispatchDir, "web", "tasks", "7"), { recursive: true });
    writeFileSync(join(fleet.dispatchDir, "web", "tasks", "7", "task.log"), "the task's prompt and transcript\n");
    writeFileSync(join(fleet.dispatchDir, "dispatch.log"), "dispatch started\n");
    standIn = await startStandIn();
    rt = openRuntime({ processEnv: fleet.env, stderrLevel: "silent" });
    const deps = { config: rt.config, store: rt.store, ssh: rt.ssh, log: rt.log, env: fleet.env, dataDir: rt.env.dataDir, commands, now: () => new Date() };
    slack = createSlackApp({ enabled: true, mode: "socket", botToken: "xoxb-test", appToken: "xapp-test", apiUrl: standIn.apiUrl }, deps, { port: 0 });
    await slack.start();
    await standIn.waitForSocket();
  });
  afterEach(async () => {
    await slack?.stop();
    await rt?.close();
    await standIn?.close();
    await rig?.close();
  });

  /** The answer to a slash command: in the ack when quick, else through its response_url. */
  async function ask(text: string, user: string): Promise<Record<string, unknown>> {
    const r = await standIn.slashCommand({ text, user_id: user, channel_id: "CGENERAL" });
    if (!/working on/.test(JSON.stringify(r.ack))) return r.ack!;
    const id = r.responseUrl.split("/").at(-1);
    return (await waitUntil(() => standIn.responses.find((x) => x.id === id), `the answer to ${text}`, 30_000)).body;
  }

  const audited = (who: string) => rt.store.audit.since(new Date(0)).filter((a) => a.who === who).map((a) => [a.command, a.decision]);

  it("refuses a viewer logs, ps, units, db, dispatch status, outbox and audit privately, audited as denied, with nothing run", async () => {
    for (const text of OPERATOR_READS) {
      const answer = await ask(text, "UVIEW");
      assert.equal(answer.response_type, "ephemeral", text);
      assert.match(JSON.stringify(answer), new RegExp(`:no_entry: ${text.split(" ")[0]} needs the operator role; slack:UVIEW is viewer`), text);
    }
    assert.deepEqual(audited("slack:UVIEW"), OPERATOR_READS.map((t) => [t.split(" ")[0], "denied"]));
    assert.equal(rt.ssh.isOpen("node-1"), false, "no SSH connection was made");
    assert.deepEqual(rig.node("node-1").calls(), [], "nothing ran on the node");
    assert.equal(statusRan(), false, "nothing ran on the controller");
  });

  it("runs each of them for an operator", async () => {
    for (const text of OPERATOR_READS) {
      const answer = JSON.stringify(await ask(text, "UOPER"));
      assert.doesNotMatch(answer, /needs the|Unauthorized|:x:/, `${text}: ${answer.slice(0, 300)}`);
    }
    assert.match(JSON.stringify(await ask("logs task web 7", "UOPER")), /the task's prompt and transcript/);
    assert.deepEqual(audited("slack:UOPER").map(([, decision]) => decision), [...OPERATOR_READS, "logs"].map(() => "allowed"));
    assert.equal(rt.ssh.isOpen("node-1"), true);
    assert.ok(rig.node("node-1").calls().some((c) => c.startsWith("systemctl show")), rig.node("node-1").calls().join("\n"));
    assert.equal(statusRan(), true);
  });

  it("still answers a viewer's reads of the fleet's health: help, status, check (as --no-fix), alerts, quota, jobs, nodes, backups, report, oci-grab status", async () => {
    for (const text of VIEWER_READS) {
      const answer = JSON.stringify(await ask(text, "UVIEW"));
      assert.doesNotMatch(answer, /needs the|Unauthorized|:no_entry:/, `${text}: ${answer.slice(0, 300)}`);
    }
    assert.deepEqual(audited("slack:UVIEW"), VIEWER_READS.map((t) => [t.split(" ")[0], "allowed"]));
    const check = rt.store.audit.since(new Date(0)).find((a) => a.command === "check");
    assert.deepEqual(check?.args, { fix: false });
    assert.ok(!rig.node("node-1").calls().some((c) => /restart|start /.test(c)), "a viewer's check fixed nothing");
  });
});
