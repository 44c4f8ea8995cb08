// /oyster install-daemon over Socket Mode: the bot's real Bolt app, the Slack stand-in, a real
// rig node. A viewer may not install; an operator's install is planned (the dry run), changes
// nothing until confirmed, then installs and is audited as that Slack user.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { commands } from "../../../commands/index.ts";
import { openRuntime, type Runtime } from "../../../src/runtime.ts";
import { createSlackApp, type SlackApp } from "../../../src/slack/app.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { blockActionsPayload, startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { waitUntil } from "../../helpers/wait-until.ts";
import { makeInstallFleet, type InstallFleet } from "./install-fixture.ts";

const json = (v: unknown) => JSON.stringify(v);

describe("/oyster install-daemon over Socket Mode", () => {
  let rig: Rig;
  let fleet: InstallFleet;
  let standIn: StandIn;
  let rt: Runtime;
  let slack: SlackApp;

  before(async () => {
    rig = await startRig(1, { services: [] });
    fleet = makeInstallFleet(rig, { roles: { operators: ["UOPER"] } });
    standIn = await startStandIn();
    rt = openRuntime({ processEnv: fleet.env, stderrLevel: "silent" });
    const deps = { config: rt.config, store: rt.store, ssh: rt.ssh, log: rt.log, env: fleet.env, dataDir: rt.env.dataDir, commands, now: () => new Date() };
    slack = createSlackApp({ enabled: true, mode: "socket", botToken: "xoxb-test", appToken: "xapp-test", apiUrl: standIn.apiUrl }, deps, { port: 0 });
    await slack.start();
    await standIn.waitForSocket();
  });
  after(async () => {
    await slack?.stop();
    await rt?.close();
    await standIn?.close();
    await rig?.close();
  });

  it("refuses a viewer before anything reaches the node", async () => {
    fleet.mark();
    const r = await standIn.slashCommand({ text: "install-daemon node-1", user_id: "UVIEW", channel_id: "COPS" });
    assert.match(json(r.ack), /needs the operator role/);
    assert.deepEqual(fleet.calls(), { "node-1": [] });
  });

  it("plans an operator's install, installs only once confirmed, and records the units in the bot's fleet", async () => {
    fleet.mark();
    const r = await standIn.slashCommand({ text: "install-daemon node-1", user_id: "UOPER", channel_id: "COPS" });
    const plan = json(r.ack);
    assert.match(plan, /oyster_confirm/);
    assert.match(plan, /node-1: agent-daemon \(new\), node-1-watcher \(new\)/);
    assert.ok(fleet.calls()["node-1"]!.every((c) => !c.startsWith("sudo ")), "nothing changed before the Confirm");
    const pendingId = /"value":"([^"]+)"/.exec(plan)?.[1];
    const before = standIn.responses.length;
    await standIn.interaction(blockActionsPayload({ user_id: "UOPER", channel_id: "COPS", action_id: "oyster_confirm", value: pendingId!, response_url: standIn.responseUrl() }));
    const answer = await waitUntil(() => standIn.responses.length > before && standIn.responses.at(-1), "a response_url answer");
    assert.match(json(answer.body), /node-1 changed/);
    assert.equal(rig.node("node-1").unitState("agent-daemon"), "active");
    assert.equal(rig.node("node-1").unitState("node-1-watcher"), "active");
    // The bot's own config now lists them: restart service and the guardian see them at once.
    assert.deepEqual(rt.config.nodes[0]!.services, ["agent-daemon", "node-1-watcher"]);
    const rows = rt.store.audit.since(new Date(0)).filter((a) => a.command === "install-daemon");
    assert.deepEqual(rows.map((a) => [a.who, a.decision, a.outcome]), [
      ["slack:UVIEW", "denied", "denied"],
      ["slack:UOPER", "planned", "planned"],
      ["slack:UOPER", "confirmed", "ok"],
    ]);
  });
});
