// Alert buttons end to end: the bot's own Bolt app (Socket Mode) and a SlackChannel over its
// client, against the Slack stand-in. A click is /oyster ack|snooze run as the clicker.
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

describe("alert buttons over Socket Mode", () => {
  let standIn: StandIn;
  let slack: SlackApp;
  let store: Store;
  let book: AlertBook;
  let stormBook: AlertBook;
  let seq = 0;
  let notifier: { notify(event: AlertEvent): Promise<void> };

  before(async () => {
    standIn = await startStandIn();
    const dir = tmpDir();
    mkdirSync(join(dir, "config"));
    writeFileSync(join(dir, "config", "oyster.json"), JSON.stringify({ slack: { alertChannel: ALERTS, reportChannel: "CREPORTS" }, roles: { admins: ["UADMIN"], operators: ["UOPER"] } }));
    const config = loadConfig({ dir: join(dir, "config") }).config;
    const { log } = memoryLogger("silent");
    const now = () => new Date();
    store = openStore(dir, now);
    const deps = { config, store, ssh: createSshPool(config, log), log, env: {}, dataDir: dir, commands, now };
    slack = createSlackApp({ enabled: true, mode: "socket", botToken: "xoxb-test", appToken: "xapp-test", apiUrl: standIn.apiUrl }, deps, { port: 0 });
    await slack.start();
    await standIn.waitForSocket();
    // What main.ts will do: the outbox's Slack channel over the app's own client (each alert its
    // own message here, so each test watches one message).
    const channel = new SlackChannel({ client: slack.app.client, db: store.db, config, now, groupWindowMs: 0 });
    const via = (ch: SlackChannel) => ({ notify: (event: AlertEvent) => ch.deliver({ id: ++seq, key: `k${seq}`, payload: { kind: "alert-event", event }, createdAt: now().toISOString(), attempts: 0 }) });
    notifier = via(channel);
    book = alertBookFor({ store, dataDir: dir, config, log, now }, notifier);
    // And as in the bot, with raises moments apart sharing one message.
    stormBook = alertBookFor({ store, dataDir: dir, config, log, now }, via(new SlackChannel({ client: slack.app.client, db: store.db, config, now })));
  });
  after(async () => {
    await slack?.stop();
    store?.close();
    await standIn?.close();
  });

  const click = (user: string, action: string, value: string, ts: string) =>
    standIn.interaction(blockActionsPayload({ user_id: user, channel_id: ALERTS, action_id: action, value, response_url: standIn.responseUrl(), message_ts: ts }));
  const messageOf = (ts: string) => standIn.messages(ALERTS).find((m) => m.ts === ts)!;
  const auditOf = (command: string) => store.audit.since(new Date(0)).filter((r) => r.command === command).map((r) => [r.who, r.channel, r.decision, r.outcome]);

  it("an operator's Acknowledge: acknowledged by slack:<id>, the message edited to say so, an audit row", async () => {
    const a = await book.raise({ source: "guardian", check: "node_availability", node: "node-1", severity: "critical", message: "node-1 unreachable", attempts: 1 });
    const ts = standIn.messages(ALERTS).at(-1)!.ts;
    await click("UOPER", "oyster_alert_ack", a.id, ts);
    await waitUntil(() => messageOf(ts).updates > 0, "the alert message edited");
    assert.equal(book.get(a.id)?.acknowledged?.by, "slack:UOPER");
    assert.equal(book.get(a.id)?.status, "acknowledged");
    assert.match(json(messageOf(ts).blocks), /Acknowledged by <@UOPER>/);
    assert.deepEqual(auditOf("ack"), [["slack:UOPER", ALERTS, "allowed", "ok"]]);
    assert.equal(standIn.messages(ALERTS).length, 1, "an edit, not a new message");
  });

  it("a viewer's Snooze is refused privately, naming the role, audited as denied; nothing changes", async () => {
    const a = await book.raise({ source: "guardian", check: "node_availability", node: "node-2", severity: "critical", message: "node-2 unreachable", attempts: 1 });
    const ts = standIn.messages(ALERTS).at(-1)!.ts;
    const before = standIn.responses.length;
    await click("UVIEW", "oyster_alert_snooze_1h", a.id, ts);
    const reply = await waitUntil(() => standIn.responses.length > before && standIn.responses.at(-1)!.body, "an ephemeral answer");
    assert.equal(reply.response_type, "ephemeral");
    assert.equal(reply.replace_original, false);
    assert.match(json(reply), /snooze needs the operator role; slack:UVIEW is viewer/);
    assert.equal(book.get(a.id)?.status, "open");
    assert.equal(messageOf(ts).updates, 0);
    assert.deepEqual(auditOf("snooze"), [["slack:UVIEW", ALERTS, "denied", "denied"]]);
  });

  it("an admin's Snooze 1h snoozes it for an hour and the message says until when", async () => {
    const a = book.find("guardian", "node_availability", "node-2")!;
    const ts = standIn.messages(ALERTS).at(-1)!.ts;
    const started = Date.now();
    await click("UADMIN", "oyster_alert_snooze_1h", a.id, ts);
    await waitUntil(() => messageOf(ts).updates > 0, "the alert message edited");
    const snoozed = book.get(a.id)!.snoozed!;
    assert.equal(snoozed.by, "slack:UADMIN");
    assert.ok(Math.abs(Date.parse(snoozed.until) - started - 3_600_000) < 10_000);
    assert.match(json(messageOf(ts).blocks), /Snoozed by <@UADMIN> until/);
    assert.deepEqual(auditOf("snooze").at(-1), ["slack:UADMIN", ALERTS, "allowed", "ok"]);
  });

  it("a click on one alert of a storm's message edits that message: that alert acknowledged, the others still open", async () => {
    const first = await stormBook.raise({ source: "guardian", check: "wrapper_version", node: "node-3", severity: "warning", message: "node-3 wrapper differs", attempts: 1 });
    const second = await stormBook.raise({ source: "guardian", check: "wrapper_version", node: "node-4", severity: "warning", message: "node-4 wrapper differs", attempts: 1 });
    const ts = standIn.messages(ALERTS).at(-1)!.ts;
    assert.equal(standIn.messages(ALERTS).filter((m) => m.ts === ts).length, 1);
    const edits = messageOf(ts).updates;
    await click("UOPER", "oyster_alert_ack", second.id, ts);
    await waitUntil(() => messageOf(ts).updates > edits, "the storm's message edited");
    const sections = (messageOf(ts).blocks as Array<{ text?: { text: string } }>).map((b) => b.text?.text ?? "");
    assert.match(sections.find((t) => t.includes(`*${second.id}*`))!, /Acknowledged by <@UOPER>/);
    assert.doesNotMatch(sections.find((t) => t.includes(`*${first.id}*`))!, /Acknowledged/);
    assert.equal(book.get(first.id)?.status, "open");
  });

  // Whatever a node or a user put in an alert or a reason reaches Slack as text: never a ping, never a disguised link.
  const HOSTILE = "<!channel> <https://evil.example|the runbook>";
  const pingOrLink = /<!channel>|<https:\/\/evil/;
  const chatCallsSince = (from: number) => standIn.calls.slice(from).filter((c) => c.method === "chat.postMessage" || c.method === "chat.update");

  it("an alert message carrying mention markup is posted as text, in its notification text and its blocks", async () => {
    const from = standIn.calls.length;
    await book.raise({ source: "guardian", check: "node_availability", node: "node-6", severity: "critical", message: `node-6: ${HOSTILE}`, attempts: 1 });
    const posted = chatCallsSince(from);
    assert.equal(posted.length, 1);
    assert.match(String(posted[0]!.body.text), /node-6: &lt;!channel&gt; &lt;https:\/\/evil\.example\|the runbook&gt;/);
    assert.doesNotMatch(json(posted[0]!.body), pingOrLink);
  });

  it("/oyster ack with a reason carrying mention markup answers with it as text, and the alert message shows it as text", async () => {
    const a = await book.raise({ source: "guardian", check: "node_availability", node: "node-7", severity: "critical", message: "node-7 unreachable", attempts: 1 });
    const ts = standIn.messages(ALERTS).at(-1)!.ts;
    // As in the bot once delivery is wired: an ack from /oyster goes out through the notifier.
    slack.setDelivery({ notifier });
    const from = standIn.calls.length;
    const r = await standIn.slashCommand({ text: `ack ${a.id} --reason '${HOSTILE}'`, user_id: "UOPER", channel_id: ALERTS });
    assert.equal(book.get(a.id)?.acknowledged?.reason, HOSTILE, "the reason is kept as typed");
    const reply = r.ack as { text?: string } | undefined;
    assert.match(String(reply?.text), /acknowledged by slack:UOPER: &lt;!channel&gt; &lt;https:\/\/evil\.example\|the runbook&gt;/);
    assert.doesNotMatch(json(reply), pingOrLink);
    await waitUntil(() => messageOf(ts).updates > 0, "the alert message edited");
    assert.ok(chatCallsSince(from).length > 0);
    for (const call of chatCallsSince(from)) assert.doesNotMatch(json(call.body), pingOrLink, call.method);
  });
});

