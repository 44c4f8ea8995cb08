// /oyster in HTTP mode: Slack signs each request; a bad or stale signature is refused.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { commands } from "../../../commands/index.ts";
import { openRuntime, type Runtime } from "../../../src/runtime.ts";
import { createSlackApp, type SlackApp } from "../../../src/slack/app.ts";
import { makeFleet } from "../../helpers/fleet-fixture.ts";
import { freePorts } from "../../helpers/rig/free-ports.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { signSlackRequest, slashCommandForm, startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

describe("/oyster over HTTP mode", () => {
  let rig: Rig;
  let standIn: StandIn;
  let rt: Runtime;
  let slack: SlackApp;
  let url: string;

  before(async () => {
    rig = await startRig(2);
    const fleet = makeFleet(rig);
    standIn = await startStandIn();
    rt = openRuntime({ processEnv: fleet.env, stderrLevel: "silent" });
    const [port] = await freePorts(1);
    const deps = { config: rt.config, store: rt.store, ssh: rt.ssh, log: rt.log, env: fleet.env, dataDir: rt.env.dataDir, commands, now: () => new Date() };
    slack = createSlackApp({ enabled: true, mode: "http", botToken: "xoxb-test", signingSecret: SECRET, apiUrl: standIn.apiUrl }, deps, { port: port! });
    await slack.start();
    url = `http://127.0.0.1:${port}/slack/events`;
  });
  after(async () => {
    await slack?.stop();
    await rt?.close();
    await standIn?.close();
    await rig?.close();
  });

  const post = (body: string, ts: number, secret = SECRET) =>
    fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...signSlackRequest(secret, body, ts) }, body });

  it("answers a signed /oyster status with every node", async () => {
    const body = slashCommandForm({ text: "status", user_id: "UVIEW", channel_id: "COPS", response_url: standIn.responseUrl() });
    const res = await post(body, Math.floor(Date.now() / 1000));
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.match(text, /node-1/);
    assert.match(text, /node-2/);
  });

  it("refuses a bad signature and a request older than five minutes", async () => {
    const body = slashCommandForm({ text: "status", user_id: "UVIEW", channel_id: "COPS", response_url: standIn.responseUrl() });
    assert.equal((await post(body, Math.floor(Date.now() / 1000), "not-the-secret")).status, 401);
    assert.equal((await post(body, Math.floor(Date.now() / 1000) - 6 * 60)).status, 401);
    assert.deepEqual(rt.store.audit.since(new Date(0)).filter((a) => a.command === "status").length, 1, "only the signed request ran");
  });
});
