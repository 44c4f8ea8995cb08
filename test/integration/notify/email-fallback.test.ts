import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import { Deliverer } from "../../../src/notify/deliverer.ts";
import type { OutboxPayload } from "../../../src/notify/delivery-types.ts";
import { EmailChannel, SMTP_TIMEOUT_MS } from "../../../src/notify/email-channel.ts";
import { Outbox } from "../../../src/notify/outbox.ts";
import { openStore, type Store } from "../../../src/store/index.ts";
import { alertEvent } from "../../helpers/alert-events.ts";
import { FakeChannel } from "../../helpers/fake-channel.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { freePorts } from "../../helpers/rig/free-ports.ts";
import { SmtpSink } from "../../helpers/smtp-sink.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const stores: Store[] = [];
const emails: EmailChannel[] = [];

/** One bot's delivery over `dir`: a Slack stand-in that fails on demand, real email to the sink. */
function bot(dir: string, sink: SmtpSink, clock: { now: () => Date }) {
  const store = openStore(dir);
  stores.push(store);
  const slack = new FakeChannel("slack", { failing: "Slack API answered HTTP 500" });
  // The sink is a loopback relay without STARTTLS: the login needs the explicit opt-in.
  const email = new EmailChannel({ smtpUrl: sink.url("oyster:s3cret-pass"), from: "oyster@ops.example", to: ["ops@example.com", "oncall@example.com"], allowInsecureAuth: true });
  emails.push(email);
  const outbox = new Outbox(store.db, clock.now);
  const deliverer = new Deliverer({ outbox, channels: [slack, email], log: memoryLogger("silent").log, now: clock.now });
  return { slack, outbox, deliverer };
}

function fakeClock() {
  let t = Date.parse("2026-03-01T10:00:00.000Z");
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

describe("delivery by email through a real SMTP server", () => {
  // A fresh, running SMTP server per test: the tests stop and restart it, and each counts the
  // messages it received, so none may inherit another's server or mail.
  let sink: SmtpSink;
  beforeEach(async () => {
    sink = await SmtpSink.start();
  });
  afterEach(async () => {
    for (const e of emails.splice(0)) e.close();
    for (const s of stores.splice(0)) s.close();
    await sink.stop();
  });

  it("sends the alert by email when Slack answers 500 for everything", async () => {
    const { slack, deliverer } = bot(tmpDir(), sink, fakeClock());
    await deliverer.notify(alertEvent("raised", { message: `does not answer <script>alert("x")</script>; restarted agent-daemon` }));
    await deliverer.drain();
    assert.equal(slack.attempts, 1);
    assert.equal(sink.messages.length, 1);
    const [m] = sink.messages;
    assert.equal(m?.subject, `[Oyster] CRITICAL node-2: node_availability: does not answer <script>alert("x")</script>; restarted agent-daemon`);
    assert.deepEqual([m?.from, m?.to, m?.user], ["oyster@ops.example", ["ops@example.com", "oncall@example.com"], "oyster"]);
    assert.equal(m?.key, "alert:A7:raised:2026-03-01T10:00:00.000Z");
    assert.match(m?.text ?? "", /Node:\s+node-2/);
    assert.match(m?.text ?? "", /restarted agent-daemon/);
    assert.match(m?.html ?? "", /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
    assert.doesNotMatch(m?.html ?? "", /<script>/);
  });

  it("keeps it in the outbox while SMTP is down too, and delivers it once after a restart", async () => {
    const dir = tmpDir();
    const clock = fakeClock();
    await sink.stop();
    const first = bot(dir, sink, clock);
    await first.deliverer.notify(alertEvent("raised"));
    await first.deliverer.drain();
    const row = first.outbox.list()[0];
    assert.equal(row?.status, "pending");
    assert.match(row?.lastError ?? "", /^slack: Slack API answered HTTP 500; email: .*ECONNREFUSED/);
    await first.deliverer.stop();

    // The bot restarts; SMTP comes back; Slack still fails.
    await sink.restart();
    const second = bot(dir, sink, clock);
    second.deliverer.start();
    clock.advance(30_000);
    await second.deliverer.drain();
    assert.equal(sink.messages.length, 1);

    // Slack comes back: the next message goes there, with one summary of what went by email.
    second.slack.failing = undefined;
    await second.deliverer.notify(alertEvent("resolved", { status: "resolved", resolved_at: "2026-03-01T10:40:00.000Z" }));
    await second.deliverer.drain();
    await second.deliverer.stop();
    assert.deepEqual(second.slack.delivered.map((i) => i.payload.kind), ["alert-event", "fallback-summary"]);
    const summary = second.slack.delivered[1]!.payload as Extract<OutboxPayload, { kind: "fallback-summary" }>;
    assert.deepEqual(summary.items.map((i) => i.key), ["alert:A7:raised:2026-03-01T10:00:00.000Z"]);
    assert.equal(sink.messages.length, 1, "the raise went out once, by email");
    assert.deepEqual(second.outbox.counts(), { pending: 0, sending: 0, delivered: 3 });
  });

  it("delivers it once when both come back after a restart", async () => {
    const dir = tmpDir();
    const clock = fakeClock();
    await sink.stop();
    const first = bot(dir, sink, clock);
    await first.deliverer.notify(alertEvent("raised"));
    await first.deliverer.drain();
    await first.deliverer.stop();
    await sink.restart();
    const second = bot(dir, sink, clock);
    second.slack.failing = undefined;
    second.deliverer.start();
    clock.advance(30_000);
    await second.deliverer.drain();
    await second.deliverer.stop();
    assert.deepEqual([second.slack.delivered.length, sink.messages.length], [1, 0]);
  });
});

describe("a dead SMTP server", () => {
  let silent: Server;
  const sockets: Socket[] = [];
  let port: number;
  before(async () => {
    [port] = (await freePorts(1)) as [number];
    // Accepts the connection and never says a word: the greeting never comes.
    silent = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(port, "127.0.0.1", resolve));
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  const item = { id: 1, key: "k", payload: { kind: "alert-event", event: alertEvent("raised") } as OutboxPayload, createdAt: "", attempts: 0 };

  // Without the timeout the delivery would hang for good: the test's own timeout catches that.
  it(`gives up after the ${SMTP_TIMEOUT_MS / 1000} s timeout when the server never greets`, { timeout: SMTP_TIMEOUT_MS + 30_000 }, async () => {
    const email = new EmailChannel({ smtpUrl: `smtp://127.0.0.1:${port}`, to: ["ops@example.com"] });
    const started = Date.now();
    await assert.rejects(email.deliver(item), /greeting/i);
    const took = Date.now() - started;
    email.close();
    assert.ok(took >= SMTP_TIMEOUT_MS - 500, `failed after ${took} ms, before the timeout`);
  });

  it("fails with connection refused, not a timeout, when nothing listens", async () => {
    const [closed] = (await freePorts(1)) as [number];
    const email = new EmailChannel({ smtpUrl: `smtp://127.0.0.1:${closed}`, to: ["ops@example.com"] });
    await assert.rejects(email.deliver(item), /ECONNREFUSED/);
    email.close();
  });

  it("is not configured without SMTP_URL or without recipients", () => {
    assert.equal(new EmailChannel({ to: ["ops@example.com"] }).configured(), false);
    assert.equal(new EmailChannel({ smtpUrl: `smtp://127.0.0.1:${port}`, to: [] }).configured(), false);
    assert.equal(new EmailChannel({ smtpUrl: `smtp://127.0.0.1:${port}`, to: ["ops@example.com"] }).configured(), true);
  });
});
