// Progress in Slack over Socket Mode (the real Bolt app, the Slack stand-in, real sshd nodes):
// the "working on ..." reply, and a confirmed plan, are updated in place (replace_original on the
// response_url) as nodes finish, within Slack's 5 uses of a response_url, then answered as before.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { commands } from "../../../commands/index.ts";
import { openRuntime, type Runtime } from "../../../src/runtime.ts";
import { createSlackApp, type SlackApp } from "../../../src/slack/app.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { blockActionsPayload, startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { waitUntil } from "../../helpers/wait-until.ts";
import { makeSyncFleet, type SyncFleet } from "../sync/sync-fixture.ts";

const NODES = ["node-1", "node-2", "node-3"];
const STALE = "# task-watcher.py, an old copy\n";
const json = (v: unknown) => JSON.stringify(v);
type Body = Record<string, unknown>;

describe("progress in Slack", () => {
  let rig: Rig;
  let fleet: SyncFleet;
  let standIn: StandIn;
  let rt: Runtime;
  let slack: SlackApp;
  const bodiesAt = (url: string): Body[] => standIn.responses.filter((r) => r.id === url.split("/").at(-1)).map((r) => r.body);

  before(async () => {
    rig = await startRig(3, { services: ["agent-daemon", ...NODES.map((n) => `${n}-watcher`)] });
    // A held restart or a hung node must outlast the rig config's short timeouts.
    fleet = makeSyncFleet(rig, {
      oyster: { sync: { restart: { "task-watcher.py": ["{node}-watcher"] } }, roles: { operators: ["UOPER"] }, slack: { allowedChannels: ["COPS"] } },
      ssh: { commandTimeoutMs: 60_000, connectTimeoutMs: 60_000 },
    });
    const first = await fleet.run(["sync", "--yes"]);
    assert.equal(first.code, 0, json(first.doc));
    standIn = await startStandIn();
    rt = openRuntime({ processEnv: fleet.env, stderrLevel: "silent" });
    const deps = { config: rt.config, store: rt.store, ssh: rt.ssh, log: rt.log, env: fleet.env, dataDir: rt.env.dataDir, commands, now: () => new Date() };
    slack = createSlackApp({ enabled: true, mode: "socket", botToken: "xoxb-test", appToken: "xapp-test", apiUrl: standIn.apiUrl }, deps, { port: 0 });
    await slack.start();
    await standIn.waitForSocket();
  });
  after(async () => {
    rig?.node("node-3").holdRestarts("node-3-watcher", false);
    await rig?.node("node-3").resume();
    await slack?.stop();
    await rt?.close();
    await standIn?.close();
    await rig?.close();
  });

  it("a confirmed sync replaces its plan with how far it is as nodes finish, then with its answer", async () => {
    for (const n of NODES) fleet.putOnNode(n, "task-watcher.py", STALE, 0o750);
    const r = await standIn.slashCommand({ text: "sync", user_id: "UOPER", channel_id: "COPS" });
    const pendingId = /"value":"([^"]+)"/.exec(json(r.ack))?.[1];
    assert.ok(pendingId, json(r.ack));
    rig.node("node-3").holdRestarts("node-3-watcher", true);
    const url = standIn.responseUrl();
    await standIn.interaction(blockActionsPayload({ user_id: "UOPER", channel_id: "COPS", action_id: "oyster_confirm", value: pendingId, response_url: url }));

    const update = await waitUntil(() => bodiesAt(url).find((b) => /sync: 2\/3 nodes done \(\d+ s\); working on node-3/.test(String(b.text))), () => `an update naming node-3; so far ${json(bodiesAt(url))}`, 30_000);
    assert.equal(update.replace_original, true);
    assert.equal(update.response_type, "in_channel");
    assert.ok(bodiesAt(url).every((b) => b.replace_original === true && /^sync: \d\/3 nodes done/.test(String(b.text))), "only updates so far");
    rig.node("node-3").holdRestarts("node-3-watcher", false);

    const answer = await waitUntil(() => bodiesAt(url).find((b) => /3 changed/.test(json(b))), () => `the answer; so far ${json(bodiesAt(url))}`, 30_000);
    const all = bodiesAt(url);
    assert.equal(all.at(-1), answer, "the answer comes last: no update overtakes it");
    assert.equal(answer.replace_original, true, "the answer replaces the plan (and the progress), as before");
    assert.ok(all.length <= 5, `within Slack's 5 uses of a response_url: ${all.length}`);
    for (const b of all.slice(0, -1)) {
      assert.equal(b.replace_original, true);
      assert.match(String(b.text), /^sync: \d\/3 nodes done/);
    }
  });

  it("a slow /oyster sync --dry-run updates its \"working on\" reply in place, then answers", async () => {
    for (const n of NODES) fleet.putOnNode(n, "task-watcher.py", STALE, 0o750);
    await rig.node("node-3").hang();
    const r = await standIn.slashCommand({ text: "sync --dry-run", user_id: "UOPER", channel_id: "COPS" });
    assert.deepEqual(r.ack, { response_type: "ephemeral", text: "working on `/oyster sync --dry-run`..." });

    const update = await waitUntil(() => bodiesAt(r.responseUrl).find((b) => /sync \(comparing\): 2\/3 nodes done/.test(String(b.text))), () => `an update; so far ${json(bodiesAt(r.responseUrl))}`, 30_000);
    assert.equal(update.replace_original, true);
    assert.equal(update.response_type, "ephemeral");
    assert.match(String(update.text), /^working on `\/oyster sync --dry-run`\.\.\.\nsync \(comparing\): 2\/3 nodes done \(\d+ s\); working on node-3$/);
    await rig.node("node-3").resume();

    const answer = await waitUntil(() => bodiesAt(r.responseUrl).find((b) => /would change/.test(json(b))), () => `the answer; so far ${json(bodiesAt(r.responseUrl))}`, 30_000);
    const all = bodiesAt(r.responseUrl);
    assert.equal(all.at(-1), answer);
    assert.equal(answer.replace_original, undefined, "the answer is posted as before, not over the progress");
    assert.ok(all.length <= 5, `within Slack's 5 uses: ${all.length}`);
  });
});
