// /oyster over Socket Mode: the real Bolt app of the bot, the Slack stand-in, real sshd nodes.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { afterEach, beforeEach, describe, it } from "node:test";
import { commands } from "../../../commands/index.ts";
import { openRuntime, type Runtime } from "../../../src/runtime.ts";
import { createSlackApp, type SlackApp } from "../../../src/slack/app.ts";
import { makeFleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { blockActionsPayload, startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

const json = (v: unknown) => JSON.stringify(v);

describe("/oyster over Socket Mode", () => {
  let rig: Rig;
  let standIn: StandIn;
  let rt: Runtime;
  let slack: SlackApp;

  // Each test gets its own nodes, state store and stand-in, so none sees another's restarts,
  // audit rows or disconnects, and any one of them can run alone.
  beforeEach(async () => {
    rig = await startRig(2);
    const fleet = makeFleet(rig, { oyster: { roles: { admins: ["UADMIN"], operators: ["UOPER"] }, slack: { allowedChannels: ["COPS"] } } });
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

  const lastResponse = (from: number) => waitUntil(() => standIn.responses.length > from && standIn.responses.at(-1), "a response_url answer");

  it("acks /oyster status with every node and its state", async () => {
    const r = await standIn.slashCommand({ text: "status", user_id: "UVIEW", channel_id: "COPS" });
    const answer = json(r.ack) + json(standIn.responses.filter((x) => x.id === r.responseUrl.split("/").at(-1)));
    assert.match(answer, /node-1/);
    assert.match(answer, /node-2/);
    assert.match(answer, /:large_green_circle: \*node-1\*/);
  });

  it("denies a viewer's restart, naming the role, and audits it", async () => {
    const r = await standIn.slashCommand({ text: "restart daemon node-1", user_id: "UVIEW", channel_id: "COPS" });
    assert.match(json(r.ack), /restart needs the operator role/);
    assert.deepEqual(rig.node("node-1").calls(), []);
    const row = rt.store.audit.since(new Date(0)).find((a) => a.command === "restart");
    assert.deepEqual([row?.who, row?.decision], ["slack:UVIEW", "denied"]);
  });

  it("rejects injection attempts before anything runs", async () => {
    for (const text of ["restart daemon 'node-1; touch /tmp/oyster-pwned'", "restart service node-1 '$(touch /tmp/oyster-pwned)'", "restart service node-1 `id`"]) {
      const r = await standIn.slashCommand({ text, user_id: "UOPER", channel_id: "COPS" });
      assert.match(json(r.ack), /:x:/, text);
    }
    assert.equal(existsSync("/tmp/oyster-pwned"), false);
    assert.deepEqual(rig.node("node-1").calls(), []);
  });

  it("an operator gets a plan; a third user's Confirm is refused; the operator's restarts agent-daemon on node-1 only", async () => {
    const r = await standIn.slashCommand({ text: "restart daemon node-1", user_id: "UOPER", channel_id: "COPS" });
    const plan = json(r.ack);
    assert.match(plan, /oyster_confirm/);
    const pendingId = /"value":"([^"]+)"/.exec(plan)?.[1];
    assert.ok(pendingId, plan);

    const before = standIn.responses.length;
    await standIn.interaction(blockActionsPayload({ user_id: "USTRANGER", channel_id: "COPS", action_id: "oyster_confirm", value: pendingId, response_url: standIn.responseUrl() }));
    assert.match(json((await lastResponse(before)).body), /Only <@UOPER> or an admin/);
    // The plan read the unit's state; nothing was restarted.
    assert.deepEqual(rig.node("node-1").calls(), ["systemctl is-active agent-daemon"]);

    const before2 = standIn.responses.length;
    await standIn.interaction(blockActionsPayload({ user_id: "UOPER", channel_id: "COPS", action_id: "oyster_confirm", value: pendingId, response_url: standIn.responseUrl() }));
    const done = (await lastResponse(before2)).body;
    assert.equal(done.replace_original, true);
    assert.match(json(done), /active/);
    assert.ok(rig.node("node-1").calls().includes("sudo -n systemctl restart agent-daemon"), rig.node("node-1").calls().join("\n"));
    assert.deepEqual(rig.node("node-2").calls(), []);
    const rows = rt.store.audit.since(new Date(0)).filter((a) => a.command === "restart");
    assert.deepEqual(rows.map((a) => [a.who, a.decision, a.outcome]), [["slack:UOPER", "planned", "planned"], ["slack:USTRANGER", "denied", "denied"], ["slack:UOPER", "confirmed", "ok"]]);
  });

  it("reports a broken unit's failed restart", async () => {
    rig.node("node-2").markBroken("agent-daemon", true);
    const r = await standIn.slashCommand({ text: "restart daemon node-2", user_id: "UADMIN", channel_id: "COPS" });
    const pendingId = /"value":"([^"]+)"/.exec(json(r.ack))?.[1]!;
    const before = standIn.responses.length;
    await standIn.interaction(blockActionsPayload({ user_id: "UADMIN", channel_id: "COPS", action_id: "oyster_confirm", value: pendingId, response_url: standIn.responseUrl() }));
    const body = json((await lastResponse(before)).body);
    assert.match(body, /failed/);
    assert.match(body, /:warning:/);
  });

  it("works again after a disconnect frame and after the stand-in restarts", async () => {
    const opened = standIn.connectionsOpened;
    standIn.disconnect("refresh_requested");
    await waitUntil(() => standIn.connectionsOpened > opened, "a reconnect after disconnect");
    await standIn.waitForSocket();
    assert.match(json((await standIn.slashCommand({ text: "nodes", user_id: "UVIEW", channel_id: "COPS" })).ack), /node-1/);
    const opened2 = standIn.connectionsOpened;
    await standIn.restart();
    await waitUntil(() => standIn.connectionsOpened > opened2, "a reconnect after the stand-in restarted", 20_000);
    await standIn.waitForSocket();
    assert.match(json((await standIn.slashCommand({ text: "nodes", user_id: "UVIEW", channel_id: "COPS" })).ack), /node-2/);
  });

  it("outside slack.allowedChannels: a viewer's command and a viewer's Confirm are refused privately and audited; the plan keeps its buttons", async () => {
    const refused = await standIn.slashCommand({ text: "status", user_id: "UVIEW", channel_id: "CRANDOM" });
    assert.match(json(refused.ack), /answers viewers only in/);
    const audited = () => rt.store.audit.since(new Date(0)).filter((a) => a.channel === "CRANDOM").map((a) => [a.who, a.command, a.decision]);
    assert.deepEqual(audited(), [["slack:UVIEW", "status", "denied"]]);

    const restarts = () => rig.node("node-2").calls().filter((c) => c.includes("systemctl restart")).length;
    const plan = await standIn.slashCommand({ text: "restart daemon node-2", user_id: "UOPER", channel_id: "CRANDOM" });
    const pendingId = /"value":"([^"]+)"/.exec(json(plan.ack))?.[1];
    assert.ok(pendingId, json(plan.ack));
    const before = standIn.responses.length;
    await standIn.interaction(blockActionsPayload({ user_id: "UVIEW", channel_id: "CRANDOM", action_id: "oyster_confirm", value: pendingId, response_url: standIn.responseUrl() }));
    const answer = (await lastResponse(before)).body;
    assert.equal(answer.response_type, "ephemeral");
    assert.equal(answer.replace_original, false, "the plan and its buttons stay");
    assert.match(json(answer), /answers viewers only in/);
    assert.deepEqual(audited().slice(1), [["slack:UOPER", "restart", "planned"], ["slack:UVIEW", "restart", "denied"]]);

    // The plan is still open: its requester can still decide.
    const before2 = standIn.responses.length;
    await standIn.interaction(blockActionsPayload({ user_id: "UOPER", channel_id: "CRANDOM", action_id: "oyster_cancel", value: pendingId, response_url: standIn.responseUrl() }));
    assert.match(json((await lastResponse(before2)).body), /Cancelled by <@UOPER>/);
    assert.equal(restarts(), 0, "nothing was restarted");
  });
});

