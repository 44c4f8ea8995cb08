// The App Home over Socket Mode and HTTP mode: the real Bolt app of the bot, the Slack stand-in
// (app_home_opened in, views.publish out), real sshd nodes whose status the guardian stored, and
// the alert lifecycle wired to the Home as main.ts wires it.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { commands } from "../../../commands/index.ts";
import { withHomeRefresh } from "../../../src/app-home/home-refresh-notifier.ts";
import { AlertBook } from "../../../src/alerts/alert-book.ts";
import { openRuntime, type Runtime } from "../../../src/runtime.ts";
import { createSlackApp, type SlackApp } from "../../../src/slack/app.ts";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { freePorts } from "../../helpers/rig/free-ports.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { appHomeOpenedEvent, eventCallbackPayload, signSlackRequest, startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

// The alerts-table watch is slow in the first suite, so a refresh there comes from the notifier.
const NOTIFIER_ONLY = { coalesceMs: 50, minIntervalMs: 0, watchMs: 600_000 };
const WATCHING = { coalesceMs: 50, minIntervalMs: 0, watchMs: 100 };
const json = (v: unknown) => JSON.stringify(v);
type Block = { type: string; text?: { text: string } };
const headers = (blocks: unknown[]) => (blocks as Block[]).filter((b) => b.type === "header").map((b) => b.text!.text);

async function bot(fleet: Fleet, standIn: StandIn, mode: "socket" | "http", timing: typeof WATCHING): Promise<{ rt: Runtime; slack: SlackApp; book: AlertBook; port: number }> {
  const rt = openRuntime({ processEnv: fleet.env, stderrLevel: "silent" });
  const deps = { config: rt.config, store: rt.store, ssh: rt.ssh, log: rt.log, env: fleet.env, dataDir: rt.env.dataDir, commands, now: () => new Date() };
  const [port] = (await freePorts(1)) as [number];
  const setup =
    mode === "socket"
      ? ({ enabled: true, mode: "socket", botToken: "xoxb-test", appToken: "xapp-test", apiUrl: standIn.apiUrl } as const)
      : ({ enabled: true, mode: "http", botToken: "xoxb-test", signingSecret: "home-secret", apiUrl: standIn.apiUrl } as const);
  const slack = createSlackApp(setup, deps, { port, homeTiming: timing });
  // As main.ts wires it: the process's notifier, plus a Home refresh on each alert change.
  const notifier = withHomeRefresh({ notify: async () => {} }, slack.home);
  const book = new AlertBook(rt.store, { dataDir: rt.env.dataDir, notifier, reminderMinutes: 60, retentionDays: 30, log: memoryLogger("silent").log });
  await slack.start();
  if (mode === "socket") await standIn.waitForSocket();
  else await waitUntil(() => standIn.calls.some((c) => c.method === "auth.test"), "the app's auth.test at start");
  return { rt, slack, book, port };
}

describe("App Home", () => {
  let rig: Rig;
  let fleet: Fleet;
  let standIn: StandIn;
  let rt: Runtime;
  let slack: SlackApp;
  let book: AlertBook;

  before(async () => {
    rig = await startRig(3);
    fleet = makeFleet(rig, { ssh: { connectTimeoutMs: 1500 } });
    // The guardian's own run stores what the Home shows: node-3 stopped, so it is down.
    await rig.node("node-3").stop();
    await fleet.oyster(["check"]);
    standIn = await startStandIn();
    ({ rt, slack, book } = await bot(fleet, standIn, "socket", NOTIFIER_ONLY));
  });
  after(async () => {
    await slack?.stop();
    await rt?.close();
    await standIn?.close();
    await rig?.close();
  });

  it("publishes every node and the open alerts to whoever opens Home, from stored state without dialing a node", async () => {
    const alert = await book.raise({ source: "guardian", check: "wrapper_version", node: "node-2", severity: "critical", message: "task-wrapper.sh differs", attempts: 1 });
    const calls = rig.nodes.map((n) => n.calls().length);
    const { ackMs } = await standIn.appHomeOpened({ user_id: "UOPEN" });
    assert.ok(ackMs < 3000);
    const home = await waitUntil(() => standIn.homeView("UOPEN"), "the Home published to UOPEN");
    const all = json(home.blocks);
    assert.match(all, /\*Down\* \(1\): node-3/);
    assert.match(all, /\*Up\* \(2\): node-1, node-2/);
    assert.match(all, new RegExp(`\`${alert.id}\` \\*critical\\* \`wrapper_version\` on \\*node-2\\*`));
    assert.deepEqual(headers(home.blocks).slice(0, 3), ["Oyster fleet", "Nodes (3)", "Open alerts (1)"]);
    assert.deepEqual(rig.nodes.map((n) => n.calls().length), calls, "opening Home ran nothing on the nodes");
    const call = standIn.calls.find((c) => c.method === "views.publish")!;
    assert.equal(call.token, "xoxb-test");
    assert.equal((call.body.view as { type: string }).type, "home");
  });

  it("re-publishes the Home of recent viewers when an alert is raised, and again when it is acknowledged", async () => {
    await standIn.appHomeOpened({ user_id: "UWATCH" });
    await waitUntil(() => standIn.homeView("UWATCH"), "the first Home");
    const before = standIn.homeView("UWATCH")!.publishes;
    const raised = await book.raise({ source: "guardian", check: "disk", node: "node-1", severity: "warning", message: "disk 91%", attempts: 1 });
    const second = await waitUntil(() => (standIn.homeView("UWATCH")!.publishes > before ? standIn.homeView("UWATCH") : undefined), "the Home re-published after the raise");
    assert.match(json(second.blocks), new RegExp(`\`${raised.id}\` \\*warning\\* \`disk\` on \\*node-1\\*`));
    await book.ack(raised.id, "slack:UOPER");
    const third = await waitUntil(() => (standIn.homeView("UWATCH")!.publishes > second.publishes ? standIn.homeView("UWATCH") : undefined), "the Home re-published after the ack");
    assert.match(json(third.blocks), new RegExp(`\`${raised.id}\`.*acknowledged by <@UOPER>`));
  });

  it("publishes nothing for the Messages tab", async () => {
    await standIn.appHomeOpened({ user_id: "UMSG", tab: "messages" });
    // UMSG's event went first and needs no work: by the time the next user's Home is out, it was handled.
    await standIn.appHomeOpened({ user_id: "UAFTER" });
    await waitUntil(() => standIn.homeView("UAFTER"), "the Home of the next user");
    assert.equal(standIn.homeView("UMSG"), undefined);
    assert.equal(standIn.calls.filter((c) => c.method === "views.publish" && c.body.user_id === "UMSG").length, 0);
  });
});

describe("App Home in Chinese, over HTTP mode", () => {
  let rig: Rig;
  let fleet: Fleet;
  let standIn: StandIn;
  let rt: Runtime;
  let slack: SlackApp;
  let port: number;

  before(async () => {
    rig = await startRig(2);
    fleet = makeFleet(rig, { oyster: { locale: "zh-CN" } });
    await fleet.oyster(["check"]);
    standIn = await startStandIn();
    ({ rt, slack, port } = await bot(fleet, standIn, "http", WATCHING));
  });
  after(async () => {
    await slack?.stop();
    await rt?.close();
    await standIn?.close();
    await rig?.close();
  });

  /** Slack's HTTP form of the event: the callback JSON, signed, POSTed to the request URL. */
  const openHome = (userId: string) => {
    const body = JSON.stringify(eventCallbackPayload(appHomeOpenedEvent({ user_id: userId })));
    return fetch(`http://127.0.0.1:${port}/slack/events`, { method: "POST", headers: { "content-type": "application/json", ...signSlackRequest("home-secret", body, Math.floor(Date.now() / 1000)) }, body });
  };

  it("answers a signed app_home_opened event with the Home in Chinese", async () => {
    const res = await openHome("UZH");
    assert.equal(res.status, 200);
    const home = await waitUntil(() => standIn.homeView("UZH"), "the Home published to UZH");
    assert.deepEqual(headers(home.blocks), ["Oyster 节点总览", "节点（2）", "未关闭的告警（0）", "接近上限的额度", "各任务最近一次运行"]);
    assert.match(json(home.blocks), /\*在线\*（2）：node-1, node-2/);
  });

  it("refreshes Home when another process changes the alerts (the CLI's ack), from the alerts table", async () => {
    assert.equal((await openHome("UZH2")).status, 200);
    await waitUntil(() => standIn.homeView("UZH2"), "the Home published to UZH2");
    const first = standIn.homeView("UZH2")!.publishes;
    // Raised as the CLI would: a notifier that knows nothing of the bot's Home.
    const cliBook = new AlertBook(rt.store, { dataDir: rt.env.dataDir, notifier: { notify: async () => {} }, reminderMinutes: 60, retentionDays: 30, log: memoryLogger("silent").log });
    const raised = await cliBook.raise({ source: "guardian", check: "wrapper_version", node: "node-1", severity: "critical", message: "differs", attempts: 1 });
    const second = await waitUntil(() => (standIn.homeView("UZH2")!.publishes > first ? standIn.homeView("UZH2") : undefined), "the Home re-published after the raise");
    assert.match(json(second.blocks), new RegExp(`\`${raised.id}\` \\*严重\\*`));
    const acked = await fleet.oyster(["ack", raised.id]);
    assert.equal(acked.code, 0, json(acked.doc));
    const third = await waitUntil(() => (standIn.homeView("UZH2")!.publishes > second.publishes ? standIn.homeView("UZH2") : undefined), "the Home re-published after the CLI's ack");
    assert.match(json(third.blocks), /已由 cli:\S+ 确认/);
  });
});
