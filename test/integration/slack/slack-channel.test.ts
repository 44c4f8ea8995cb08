// Slack as a delivery channel, against the stand-in: one message per alert edited in place,
// reminders and resolutions in its thread, storms as one message, reports to their channel, and
// every failure thrown (so the outbox falls back to email) while a 429 is waited out, not dropped.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type { Alert } from "../../../src/alerts/types.ts";
import { SlackChannel } from "../../../src/slack/slack-channel.ts";
import { startStandIn, type StandIn } from "../../helpers/slack-standin/index.ts";
import { ALERTS, channelFixture, failing, REPORTS } from "./slack-channel-fixture.ts";

const json = (v: unknown) => JSON.stringify(v);

describe("SlackChannel", () => {
  let standIn: StandIn;
  before(async () => (standIn = await startStandIn()));
  after(async () => standIn?.close());
  beforeEach(() => standIn.reset());

  const top = () => standIn.messages(ALERTS).filter((m) => !m.thread_ts);
  const replies = (ts: string) => standIn.messages(ALERTS).filter((m) => m.thread_ts === ts);

  it("raise posts one message with buttons and remembers its ts", async () => {
    const f = channelFixture(standIn);
    const a = await f.book.raise(failing("node-1"));
    const [m, ...rest] = standIn.messages();
    assert.deepEqual(rest, []);
    assert.equal(m!.channel, ALERTS);
    assert.match(json(m!.blocks), /oyster_alert_ack.*"value":"A1"/);
    assert.match(m!.text!, /\[critical\] A1 node_availability on node-1/);
    assert.deepEqual(f.store.db.prepare("SELECT alert_id, channel, ts FROM slack_alert_messages").all(), [{ alert_id: a.id, channel: ALERTS, ts: m!.ts }]);
  });

  it("update edits the same message; a reminder replies in the thread and edits; resolve edits and replies, nothing else posted", async () => {
    const f = channelFixture(standIn);
    await f.book.raise(failing("node-1"));
    const ts = top()[0]!.ts;
    f.advance(5);
    await f.book.raise(failing("node-1", { message: "node-1 refuses TCP" }));
    assert.deepEqual(f.events.map((e) => e.kind), ["raised", "updated"]);
    assert.equal(top().length, 1);
    assert.equal(top()[0]!.updates, 1);
    assert.match(json(top()[0]!.blocks), /node-1 refuses TCP/);

    f.advance(60);
    await f.book.raise(failing("node-1", { message: "node-1 refuses TCP" }));
    assert.equal(f.events.at(-1)!.kind, "reminder");
    assert.equal(top()[0]!.updates, 2);
    assert.deepEqual(replies(ts).map((r) => r.text), [":bell: *A1* still open after 1 h 5 min: node-1 refuses TCP"]);

    f.advance(10);
    await f.book.resolve("guardian", "node_availability", "node-1");
    assert.equal(top().length, 1);
    assert.equal(top()[0]!.updates, 3);
    assert.doesNotMatch(json(top()[0]!.blocks), /oyster_alert_ack/);
    assert.match(json(top()[0]!.blocks), /\*Resolved\*/);
    assert.equal(replies(ts).length, 2);
    assert.equal(replies(ts)[1]!.text, ":white_check_mark: *A1* resolved after 1 h 15 min");
    assert.equal(standIn.messages().length, 3);
  });

  it("ack and snooze show who and why; a snooze that ends says so in the thread", async () => {
    const f = channelFixture(standIn);
    const a = await f.book.raise(failing("node-1"));
    await f.book.ack(a.id, "cli:alice", "rebooting the switch");
    assert.match(json(top()[0]!.blocks), /Acknowledged by cli:alice .*_rebooting the switch_/);
    await f.book.snooze(a.id, 3_600_000, "slack:UOPER", "maintenance window");
    assert.match(json(top()[0]!.blocks), /Snoozed by <@UOPER> until .*_maintenance window_/);
    assert.equal(replies(top()[0]!.ts).length, 0, "an ack or a snooze only edits");
    f.advance(61);
    await f.book.raise(failing("node-1"));
    assert.match(replies(top()[0]!.ts)[0]!.text!, /^:alarm_clock: Snooze by <@UOPER> is over: \*A1\* still open after 1 h 1 min/);
    assert.match(json(top()[0]!.blocks), /Snooze by <@UOPER> ended/);
  });

  it("an acknowledged alert clears itself on recovery, and the message says who had it", async () => {
    const f = channelFixture(standIn);
    const a = await f.book.raise(failing("node-1"));
    await f.book.ack(a.id, "slack:UOPER");
    f.advance(30);
    await f.book.resolve("guardian", "node_availability", "node-1");
    assert.match(json(top()[0]!.blocks), /Resolved.*Acknowledged by <@UOPER>/);
    assert.match(replies(top()[0]!.ts)[0]!.text!, /resolved after 30 min \(acknowledged by <@UOPER>\)/);
  });

  it("the guardian's storm alert is one message naming the nodes", async () => {
    const f = channelFixture(standIn);
    const nodes = Array.from({ length: 30 }, (_, i) => `node-${i + 1}`);
    await f.book.raise({ source: "guardian", check: "storm", node: null, nodes, severity: "critical", message: "30 of 30 nodes unreachable at once", attempts: 0 });
    assert.equal(standIn.messages().length, 1);
    assert.match(json(top()[0]!.blocks), /\*Nodes \(30\)\*: node-1, .*node-25, _... and 5 more_/);
  });

  it("many alerts at once are one message; their resolutions one thread reply", async () => {
    const f = channelFixture(standIn);
    for (let i = 1; i <= 6; i++) await f.book.raise(failing(`node-${i}`, { check: "wrapper_version", severity: "warning", message: `node-${i}: task-wrapper.sh differs` }));
    assert.equal(top().length, 1);
    const blocks = json(top()[0]!.blocks);
    assert.match(blocks, /6 alerts at once/);
    for (let i = 1; i <= 6; i++) assert.match(blocks, new RegExp(`"value":"A${i}"`));
    assert.equal(new Set(f.store.db.prepare("SELECT ts FROM slack_alert_messages").all().map((r) => json(r))).size, 1);
    f.advance(5);
    for (let i = 1; i <= 6; i++) await f.book.resolve("guardian", "wrapper_version", `node-${i}`);
    const ts = top()[0]!.ts;
    assert.equal(replies(ts).length, 1);
    assert.equal(replies(ts)[0]!.text!.split("\n").length, 6);
    assert.match(json(top()[0]!.blocks), /all resolved/);
    f.advance(10);
    await f.book.raise(failing("node-9"));
    assert.equal(top().length, 2, "a raise after the window starts a new message");
  });

  it("the report goes to the report channel as Block Kit with a text fallback (the alert channel without one)", async () => {
    const f = channelFixture(standIn);
    const report = { subject: "Fleet healthy", text: "Fleet healthy\n3 nodes up", html: "<p>x</p>", blocks: [{ type: "section", text: { type: "mrkdwn", text: "*Fleet healthy*" } }] };
    await f.channel.deliver(f.item({ kind: "report", report }));
    const [m] = standIn.messages(REPORTS);
    assert.deepEqual([m!.text, m!.blocks], ["Fleet healthy\n3 nodes up", report.blocks]);
    const g = channelFixture(standIn, { slack: { alertChannel: ALERTS } });
    await g.channel.deliver(g.item({ kind: "report", report }));
    assert.equal(standIn.messages(ALERTS).length, 1);
  });

  it("what went by email during an outage is one message in the alert channel", async () => {
    const f = channelFixture(standIn);
    const items = Array.from({ length: 25 }, (_, i) => ({ key: `k${i}`, summary: `A${i} raised`, deliveredAt: "2026-11-27T09:00:00Z" }));
    await f.channel.deliver(f.item({ kind: "fallback-summary", items }));
    assert.equal(standIn.messages().length, 1);
    assert.match(json(standIn.messages(ALERTS)[0]!.blocks), /25 notifications went by email.*\.\.\. and 5 more/);
  });

  it("is configured only with Slack on and an alert channel; deliver refuses otherwise", async () => {
    const f = channelFixture(standIn);
    const off = new SlackChannel({ client: undefined, db: f.store.db, config: f.config });
    assert.equal(f.channel.configured(), true);
    assert.equal(off.configured(), false);
    await assert.rejects(off.deliver(f.item({ kind: "fallback-summary", items: [] })), /no Slack tokens/);
    const reportsOnly = channelFixture(standIn, { slack: { reportChannel: REPORTS } }).channel;
    assert.deepEqual([reportsOnly.configured(), reportsOnly.configuredFor("report")], [false, true]);
  });
});

describe("SlackChannel when Slack misbehaves", () => {
  let standIn: StandIn;
  before(async () => (standIn = await startStandIn()));
  after(async () => standIn?.close());
  beforeEach(() => standIn.reset());

  const alert: Alert = {
    id: "A1", source: "guardian", check: "node_availability", node: "node-1", nodes: [], severity: "critical", status: "open",
    first_seen: "2026-11-27T09:00:00.000Z", last_seen: "2026-11-27T09:00:00.000Z", resolved_at: null, attempts: 1, message: "node-1 unreachable",
  };
  const raised = { kind: "alert-event" as const, event: { kind: "raised" as const, alert } };

  for (const [name, m, error] of [
    ["HTTP 500", { kind: "http500" }, /500/],
    ["ok:false", { kind: "ok-false", error: "channel_not_found" }, /channel_not_found/],
    ["a hung call (timeout)", { kind: "hang" }, /timeout|aborted/i],
  ] as const) {
    it(`throws on ${name}, so the outbox tries email`, async () => {
      const f = channelFixture(standIn, { client: { timeout: 300 } });
      standIn.misbehave(m);
      await assert.rejects(f.channel.deliver(f.item(raised)), error);
      assert.equal((f.store.db.prepare("SELECT COUNT(*) AS n FROM slack_alert_messages").get() as { n: number }).n, 0);
      standIn.misbehave({ kind: "ok" });
      await f.channel.deliver(f.item(raised));
      assert.equal(standIn.messages().length, 1, "the retry delivers it once");
    });
  }

  it("waits out a 429 (Retry-After: 1) and delivers: nothing is dropped", async () => {
    const f = channelFixture(standIn, { client: { retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 10 } } });
    standIn.misbehave({ kind: "rate-limited", retryAfterSeconds: 1, times: 1 });
    const started = Date.now();
    await f.channel.deliver(f.item(raised));
    assert.ok(Date.now() - started >= 1000, "waited Retry-After");
    assert.equal(standIn.messages().length, 1);
    assert.deepEqual(standIn.calls.map((c) => c.method), ["chat.postMessage", "chat.postMessage"]);
  });

  it("throws when still rate-limited after its retries, and delivers on the outbox's next try", async () => {
    const f = channelFixture(standIn, { client: { retryConfig: { retries: 1, factor: 1, minTimeout: 10, maxTimeout: 10 } } });
    standIn.misbehave({ kind: "rate-limited", retryAfterSeconds: 1 });
    await assert.rejects(f.channel.deliver(f.item(raised)), /rate limit/i);
    standIn.misbehave({ kind: "ok" });
    await f.channel.deliver(f.item(raised));
    assert.equal(standIn.messages().length, 1);
  });

  it("a failed thread reply throws; the retry edits again and replies once", async () => {
    const f = channelFixture(standIn);
    await f.channel.deliver(f.item(raised));
    const reminder = { kind: "alert-event" as const, event: { kind: "reminder" as const, alert: { ...alert, last_seen: "2026-11-27T10:00:00.000Z" } } };
    standIn.misbehave({ kind: "http500", methods: ["chat.postMessage"] });
    await assert.rejects(f.channel.deliver(f.item(reminder)));
    standIn.misbehave({ kind: "ok" });
    await f.channel.deliver(f.item(reminder));
    const ts = standIn.messages()[0]!.ts;
    assert.equal(standIn.messages().filter((m) => m.thread_ts === ts).length, 1);
    assert.equal(standIn.messages()[0]!.updates, 2);
  });
});
