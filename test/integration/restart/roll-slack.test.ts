// A rolling restart from Slack: `/oyster restart daemon --tag T` over Socket Mode (the real Bolt
// app, the Slack stand-in, real sshd nodes): one plan listing every node, one Confirm, one audit row.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { commands } from "../../../commands/index.ts";
import { openRuntime, type Runtime } from "../../../src/runtime.ts";
import { createSlackApp, type SlackApp } from "../../../src/slack/app.ts";
import { makeFleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { blockActionsPayload, startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

const json = (v: unknown) => JSON.stringify(v);

describe("/oyster restart --tag (a roll from Slack)", () => {
  let rig: Rig;
  let standIn: StandIn;
  let rt: Runtime;
  let slack: SlackApp;

  before(async () => {
    rig = await startRig(3);
    const fleet = makeFleet(rig, { oyster: { roles: { operators: ["UOPER"] }, slack: { allowedChannels: ["COPS"] } } });
    const tags: Record<string, string[]> = { "node-1": ["gpu"], "node-2": ["cpu"], "node-3": ["gpu"] };
    const nodes = rig.nodes.map((n) => ({ name: n.name, dispatchDir: n.dispatchDir, services: ["agent-daemon"], tags: tags[n.name] }));
    writeFileSync(join(fleet.configDir, "nodes.json"), JSON.stringify({ nodes }));
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

  it("an operator gets one plan naming every tagged node; Confirm restarts them and no other node", async () => {
    const r = await standIn.slashCommand({ text: "restart daemon --tag gpu", user_id: "UOPER", channel_id: "COPS" });
    const plan = json(r.ack);
    assert.match(plan, /oyster_confirm/);
    assert.match(plan, /restart agent-daemon \(the agent daemon\) on 2 nodes tagged gpu, one at a time/);
    assert.match(plan, /on node-1: sudo -n systemctl restart 'agent-daemon' \(now active\)/);
    assert.match(plan, /on node-3: sudo -n systemctl restart 'agent-daemon' \(now active\)/);
    assert.doesNotMatch(plan, /node-2/);
    const restarts = (n: string) => rig.node(n).calls().filter((c) => c.startsWith("sudo"));
    assert.deepEqual(["node-1", "node-2", "node-3"].map(restarts), [[], [], []], "nothing restarted before the Confirm");

    const pendingId = /"value":"([^"]+)"/.exec(plan)?.[1];
    assert.ok(pendingId, plan);
    const from = standIn.responses.length;
    await standIn.interaction(blockActionsPayload({ user_id: "UOPER", channel_id: "COPS", action_id: "oyster_confirm", value: pendingId, response_url: standIn.responseUrl() }));
    const done = json((await waitUntil(() => standIn.responses.length > from && standIn.responses.at(-1), "the roll's answer")).body);
    assert.match(done, /done: node-1, node-3; failed: none; left untouched: none/);
    assert.deepEqual(["node-1", "node-2", "node-3"].map(restarts), [["sudo -n systemctl restart agent-daemon"], [], ["sudo -n systemctl restart agent-daemon"]]);
    const rows = rt.store.audit.since(new Date(0)).filter((a) => a.command === "restart");
    const args = { kind: "daemon", nodes: ["node-1", "node-3"], tag: "gpu", parallel: 1 };
    assert.deepEqual(rows.map((a) => [a.who, a.args, a.decision, a.outcome]), [["slack:UOPER", args, "planned", "planned"], ["slack:UOPER", args, "confirmed", "ok"]]);
  });
});
