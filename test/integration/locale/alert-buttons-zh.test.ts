// With `"locale": "zh-CN"`, a click on an alert's button (the bot's own Bolt app over Socket Mode,
// against the Slack stand-in) edits the message and it stays in Chinese: the click's edit is
// rendered by the listener, not by the outbox's channel, and must use the same language.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { commands } from "../../../commands/index.ts";
import { alertBookFor } from "../../../src/alerts/alert-book-for.ts";
import type { AlertBook } from "../../../src/alerts/alert-book.ts";
import type { AlertEvent } from "../../../src/alerts/types.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { createSlackApp, type SlackApp } from "../../../src/slack/app.ts";
import { SlackChannel } from "../../../src/slack/slack-channel.ts";
import { createSshPool } from "../../../src/ssh/index.ts";
import { openStore, type Store } from "../../../src/store/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { blockActionsPayload, startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

const ALERTS = "CALERTS";
const json = (v: unknown) => JSON.stringify(v);

describe("alert buttons in Chinese over Socket Mode", () => {
  let standIn: StandIn;
  let slack: SlackApp;
  let store: Store;
  let book: AlertBook;
  let seq = 0;

  before(async () => {
    standIn = await startStandIn();
    const dir = tmpDir();
    mkdirSync(join(dir, "config"));
    writeFileSync(join(dir, "config", "oyster.json"), JSON.stringify({ locale: "zh-CN", slack: { alertChannel: ALERTS }, roles: { operators: ["UOPER"] } }));
    const config = loadConfig({ dir: join(dir, "config") }).config;
    const { log } = memoryLogger("silent");
    const now = () => new Date();
    store = openStore(dir, now);
    const deps = { config, store, ssh: createSshPool(config, log), log, env: {}, dataDir: dir, commands, now };
    slack = createSlackApp({ enabled: true, mode: "socket", botToken: "xoxb-test", appToken: "xapp-test", apiUrl: standIn.apiUrl }, deps, { port: 0 });
    await slack.start();
    await standIn.waitForSocket();
    const channel = new SlackChannel({ client: slack.app.client, db: store.db, config, now, groupWindowMs: 0 });
    const notifier = { notify: (event: AlertEvent) => channel.deliver({ id: ++seq, key: `k${seq}`, payload: { kind: "alert-event", event }, createdAt: now().toISOString(), attempts: 0 }) };
    book = alertBookFor({ store, dataDir: dir, config, log, now }, notifier);
  });
  after(async () => {
    await slack?.stop();
    store?.close();
    await standIn?.close();
  });

  const click = (action: string, value: string, ts: string) =>
    standIn.interaction(blockActionsPayload({ user_id: "UOPER", channel_id: ALERTS, action_id: action, value, response_url: standIn.responseUrl(), message_ts: ts }));
  const messageOf = (ts: string) => standIn.messages(ALERTS).find((m) => m.ts === ts)!;

  it("posts in Chinese, and after 确认处理 the edited message says who took it, still in Chinese", async () => {
    const a = await book.raise({ source: "guardian", check: "node_availability", node: "node-1", severity: "critical", message: "node-1 unreachable", attempts: 1 });
    const ts = standIn.messages(ALERTS).at(-1)!.ts;
    const before = json(messageOf(ts).blocks);
    assert.ok(before.includes("确认处理") && before.includes("*node-1* 上的 `node_availability`"), before);
    await click("oyster_alert_ack", a.id, ts);
    await waitUntil(() => messageOf(ts).updates > 0, "the alert message edited");
    const edited = json(messageOf(ts).blocks);
    assert.match(edited, /:eyes: <@UOPER> 已于 \d{4}-\d\d-\d\d \d\d:\d\d UTC 确认/);
    assert.match(edited, /\*状态\*\\n已确认/);
    assert.ok(!/Acknowledged|Status|Snooze/.test(edited), edited);
  });

  it("after 暂缓 1 小时 the message says until when, as an ISO time in UTC", async () => {
    const a = await book.raise({ source: "guardian", check: "node_availability", node: "node-2", severity: "critical", message: "node-2 unreachable", attempts: 1 });
    const ts = standIn.messages(ALERTS).at(-1)!.ts;
    await click("oyster_alert_snooze_1h", a.id, ts);
    await waitUntil(() => messageOf(ts).updates > 0, "the alert message edited");
    const edited = json(messageOf(ts).blocks);
    assert.match(edited, /:zzz: <@UOPER> 已暂缓至 \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    assert.ok(!edited.includes("Snoozed by"), edited);
  });
});
