// /oyster in HTTP mode: Slack signs each request; a bad or stale signature is refused, and so is a
// replayed copy of a good one; the receiver listens on slack.host (127.0.0.1) only.
import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, describe, it } from "node:test";
import { commands } from "../../../commands/index.ts";
import { openRuntime, type Runtime } from "../../../src/runtime.ts";
import { createSlackApp, type SlackApp } from "../../../src/slack/app.ts";
import { makeFleet } from "../../helpers/fleet-fixture.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { freePorts } from "../../helpers/rig/free-ports.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { signSlackRequest, slashCommandForm, startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

/** Resolves true when a TCP connection to host:port is accepted, false when it is refused or fails. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host, port, timeout: 2000 });
    sock.once("connect", () => {
      sock.destroy();
      resolve(true);
    });
    sock.once("error", () => resolve(false));
    sock.once("timeout", () => {
      sock.destroy();
      resolve(false);
    });
  });
}

describe("/oyster over HTTP mode", () => {
  let rig: Rig;
  let standIn: StandIn;
  let rt: Runtime;
  let slack: SlackApp;
  let url: string;
  let port: number;
  const { log, lines } = memoryLogger("warn");

  before(async () => {
    rig = await startRig(2);
    const fleet = makeFleet(rig);
    standIn = await startStandIn();
    rt = openRuntime({ processEnv: fleet.env, stderrLevel: "silent" });
    [port] = (await freePorts(1)) as [number];
    const deps = { config: rt.config, store: rt.store, ssh: rt.ssh, log, env: fleet.env, dataDir: rt.env.dataDir, commands, now: () => new Date() };
    slack = createSlackApp({ enabled: true, mode: "http", botToken: "xoxb-test", signingSecret: SECRET, apiUrl: standIn.apiUrl }, deps, { port });
    await slack.start();
    url = `http://127.0.0.1:${port}/slack/events`;
    // Bolt checks the token (auth.test) in the background after start: let it finish, or a run
    // where every test here is filtered out closes the stand-in under it (an unhandled rejection).
    await waitUntil(() => standIn.calls.some((c) => c.method === "auth.test"), "the app's auth.test at start");
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

  it("runs a signed request once: the same signature again within 5 minutes is answered without running, and logged", async () => {
    const body = slashCommandForm({ text: "nodes", user_id: "UVIEW", channel_id: "COPS", response_url: standIn.responseUrl() });
    const ts = Math.floor(Date.now() / 1000);
    const first = await post(body, ts);
    assert.equal(first.status, 200);
    assert.match(await first.text(), /node-1/);
    const replay = await post(body, ts);
    assert.equal(replay.status, 200);
    assert.equal(await replay.text(), "", "a replay gets an empty ack");
    const runs = rt.store.audit.since(new Date(0)).filter((a) => a.command === "nodes");
    assert.equal(runs.length, 1, "the command ran once");
    await waitUntil(() => lines.some((l) => l.includes("replayed within 5 minutes")), "the replay logged");
    // A new request (new timestamp, so a new signature) with the same body still runs.
    assert.equal((await post(body, ts + 1)).status, 200);
    assert.equal(rt.store.audit.since(new Date(0)).filter((a) => a.command === "nodes").length, 2);
  });

  // A wildcard bind would also answer on 127.0.0.2 (all of 127/8 is this machine's loopback) and
  // on ::1; probing those tells a 127.0.0.1-only listener apart without any traffic leaving loopback.
  it("listens on 127.0.0.1 only: not on the rest of loopback nor on ::1", async () => {
    assert.equal(await accepts("127.0.0.1", port), true);
    for (const host of ["127.0.0.2", "::1"]) assert.equal(await accepts(host, port), false, `reachable on ${host}`);
  });
});

