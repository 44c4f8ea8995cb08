// Fault class "delivery": Slack and SMTP broken on purpose under one Oyster process wired as the
// bot wires it (openRuntime + wireDelivery: the outbox in a real state.db, Slack through the Web
// API at the stand-in, email through a real SMTP server on loopback), alerts from a real AlertBook,
// one fake clock for alerts, retries and holds. What must hold every time: nothing is lost, each
// notification arrives once (a second copy only where an answer was lost: the outbox rule), every
// attempt is bounded in time and in calls, and a person learns why when only they can fix it.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { after, before, beforeEach, describe } from "node:test";
import { alertBookFor } from "../../src/alerts/alert-book-for.ts";
import type { AlertBook } from "../../src/alerts/alert-book.ts";
import type { Alert } from "../../src/alerts/types.ts";
import { wireDelivery, type WiredDelivery } from "../../src/delivery-wiring.ts";
import { FAILURES_BEFORE_PAUSE } from "../../src/notify/deliverer.ts";
import type { Outbox, OutboxEntry } from "../../src/notify/outbox.ts";
import { openRuntime, type Runtime } from "../../src/runtime.ts";
import { freePorts } from "../helpers/rig/free-ports.ts";
import { startStandIn, type StandIn, type StoredMessage } from "../helpers/slack-standin/index.ts";
import { SmtpSink } from "../helpers/smtp-sink.ts";
import { tmpDir } from "../helpers/tmp-dir.ts";
import { waitUntil } from "../helpers/wait-until.ts";
import { fault } from "./fault-case.ts";

const ALERTS = "CALERTS";
const REPORTS = "CREPORTS";
const SECOND = 1000;
const MINUTE = 60 * SECOND;

// ---------------------------------------------------------------------------------------------
// The way to Slack, breakable: a TCP hop between Oyster and the stand-in that can be down
// (connection refused), reset connections before Slack sees the request, or let Slack act on a
// request and lose its answer (the socket dropped on the way back).
type LineMode = "pass" | "down" | "reset" | "lose-answer";

class SlackLine {
  private mode: LineMode = "pass";
  private loseLeft = 0;
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  /** Connections reset before a byte reached Slack. */
  resets = 0;
  /** Answers Slack gave that never reached Oyster. */
  lostAnswers = 0;

  private constructor(private readonly upstreamPort: number, readonly port: number) {}

  static async start(standIn: StandIn): Promise<SlackLine> {
    const [port] = await freePorts(1);
    const line = new SlackLine(Number(new URL(standIn.apiUrl).port), port!);
    await line.listen();
    return line;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /**
   * From now on; open connections are dropped so that kept-alive sockets cannot bypass it, and
   * their closing is let through first (a request sent on a socket the same instant it is closed
   * fails in the client as "other side closed": a race of the test's making, not the fault).
   */
  async set(mode: LineMode, opts: { times?: number } = {}): Promise<void> {
    this.mode = mode;
    this.loseLeft = opts.times ?? Number.POSITIVE_INFINITY;
    for (const s of this.sockets) s.destroy();
    await waitUntil(() => this.sockets.size === 0, "the line's old connections to close");
    if (mode === "down") await this.unlisten();
    else await this.listen();
  }

  private listen(): Promise<void> {
    if (this.server) return Promise.resolve();
    const server = createServer((client) => this.connection(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
  }

  private unlisten(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await this.unlisten();
  }

  private track(s: Socket): void {
    this.sockets.add(s);
    s.on("close", () => this.sockets.delete(s));
    s.on("error", () => undefined);
  }

  private connection(client: Socket): void {
    this.track(client);
    if (this.mode === "reset") {
      client.once("data", () => {
        this.resets++;
        client.resetAndDestroy();
      });
      return;
    }
    const up = connect(this.upstreamPort, "127.0.0.1");
    this.track(up);
    up.on("error", () => client.destroy());
    client.on("close", () => up.destroy());
    client.pipe(up);
    if (this.mode === "lose-answer" && this.loseLeft > 0) {
      this.loseLeft--;
      up.once("data", () => {
        this.lostAnswers++;
        client.resetAndDestroy();
        up.destroy();
      });
    } else {
      up.pipe(client);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// One Oyster process over a data dir: as the bot wires delivery, with an AlertBook on top.

interface FakeClock {
  now: () => Date;
  advance(ms: number): void;
}

function fakeClock(start = "2026-11-27T09:00:00.000Z"): FakeClock {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

interface Oyster {
  rt: Runtime;
  wired: WiredDelivery;
  book: AlertBook;
  outbox: Outbox;
  drain(): Promise<void>;
  raise(node: string): Promise<Alert>;
  resolve(node: string): Promise<void>;
  report(subject: string): Promise<void>;
  close(): Promise<void>;
}

/** A config dir and a data dir under `dir` (written once; a second process reuses them). */
function configFor(dir: string): { configDir: string; dataDir: string } {
  const configDir = join(dir, "config");
  const dataDir = join(dir, "data");
  const dispatchDir = join(dir, "dispatch");
  mkdirSync(configDir, { recursive: true });
  mkdirSync(dispatchDir, { recursive: true });
  writeFileSync(join(configDir, "nodes.json"), JSON.stringify({ nodes: [] }));
  writeFileSync(
    join(configDir, "oyster.json"),
    JSON.stringify({ dispatch: { dir: dispatchDir }, slack: { alertChannel: ALERTS, reportChannel: REPORTS }, email: { from: "oyster@test", to: ["ops@test"] }, guardian: { reminderMinutes: 60 } }),
  );
  return { configDir, dataDir };
}

async function startOyster(dir: string, clock: FakeClock, to: { slackUrl?: string; sink?: SmtpSink }): Promise<Oyster> {
  const { configDir, dataDir } = configFor(dir);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    OYSTER_CONFIG_DIR: configDir,
    OYSTER_DATA_DIR: dataDir,
    ...(to.slackUrl ? { SLACK_BOT_TOKEN: "xoxb-fault-suite-token", SLACK_APP_TOKEN: "xapp-fault-suite-token", SLACK_API_URL: to.slackUrl } : {}),
    ...(to.sink ? { SMTP_URL: to.sink.url() } : {}),
  };
  const rt = openRuntime({ processEnv: env, stderrLevel: "silent", now: clock.now });
  const wired = await wireDelivery(rt);
  const book = alertBookFor({ store: rt.store, dataDir: rt.env.dataDir, config: rt.config, log: rt.log, now: clock.now, notifier: wired.notifier });
  const drain = () => wired.delivery.deliverer.drain();
  const signal = (node: string) => ({ source: "guardian" as const, check: "node_availability", node, severity: "critical" as const, message: `${node} does not answer`, attempts: 1 });
  return {
    rt,
    wired,
    book,
    outbox: wired.delivery.outbox,
    drain,
    async raise(node) {
      const a = await book.raise(signal(node));
      await drain();
      return a;
    },
    async resolve(node) {
      await book.resolve("guardian", "node_availability", node);
      await drain();
    },
    async report(subject) {
      await wired.reportSink.sendReport({ subject, text: `${subject}\nall good`, html: `<p>${subject}</p>`, blocks: [] });
      await drain();
    },
    async close() {
      await wired.delivery.close(5_000);
      await rt.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Counting what arrived.

const text = (m: StoredMessage) => `${m.text ?? ""}\n${JSON.stringify(m.blocks ?? [])}`;
const mentions = (id: string) => new RegExp(`\\b${id}\\b`);
const isSummary = (m: StoredMessage) => /went by email/.test(m.text ?? "");

/** Top-level alert messages in Slack that show alert `id` (fallback summaries not counted). */
function slackPostsAbout(standIn: StandIn, id: string): StoredMessage[] {
  return standIn.messages(ALERTS).filter((m) => m.thread_ts === undefined && !isSummary(m) && mentions(id).test(text(m)));
}

const summaries = (standIn: StandIn) => standIn.messages(ALERTS).filter((m) => m.thread_ts === undefined && isSummary(m));
const alertMails = (sink: SmtpSink) => sink.messages.filter((m) => m.key.startsWith("alert:"));
const notices = (sink: SmtpSink) => sink.messages.filter((m) => m.key.startsWith("channel-refused:"));
const slackCalls = (standIn: StandIn, method = "chat.postMessage") => standIn.calls.filter((c) => c.method === method);

/** Each key arrived by email at most once. */
function noMailTwice(sink: SmtpSink): void {
  for (const [key, n] of sink.countByKey()) assert.equal(n, 1, `${key} emailed ${n} times`);
}

/** Every outbox row: `status` and how it went. */
const rows = (o: Oyster): OutboxEntry[] => o.outbox.list({ limit: 1000 });

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await fn();
  return { value, ms: Date.now() - started };
}

describe("fault suite: delivery", () => {
  let standIn: StandIn;
  let sink: SmtpSink;
  let line: SlackLine;
  const running: Oyster[] = [];

  before(async () => {
    [standIn, sink] = await Promise.all([startStandIn(), SmtpSink.start()]);
    line = await SlackLine.start(standIn);
  });
  beforeEach(async () => {
    for (const o of running.splice(0)) await o.close();
    standIn.reset();
    await line.set("pass");
    await sink.restart();
    sink.messages.length = 0;
  });
  after(async () => {
    for (const o of running.splice(0)) await o.close();
    await Promise.all([standIn?.close(), sink?.stop(), line?.close()]);
  });

  /** A fresh process (own data dir) with Slack through the line and email to the sink, unless told otherwise. */
  async function oyster(opts: { email?: boolean; dir?: string; clock?: FakeClock } = {}): Promise<Oyster & { clock: FakeClock; dir: string }> {
    const clock = opts.clock ?? fakeClock();
    const dir = opts.dir ?? tmpDir("oyster-fault-delivery-");
    const o = await startOyster(dir, clock, { slackUrl: line.apiUrl, ...(opts.email === false ? {} : { sink }) });
    running.push(o);
    return Object.assign(o, { clock, dir });
  }

  fault(
    "delivery",
    {
      broken: "Slack answers HTTP 500 to every call",
      holds: "each alert goes by email once, Slack called once per alert (no hidden retry); once Slack answers again it takes the next alert and one summary lists what went by email",
      quick: true,
    },
    async () => {
      const o = await oyster();
      standIn.misbehave({ kind: "http500" });
      const raised: Alert[] = [];
      for (let i = 1; i <= 4; i++) {
        raised.push(await o.raise(`node-${i}`));
        o.clock.advance(MINUTE);
      }
      assert.equal(alertMails(sink).length, 4);
      noMailTwice(sink);
      assert.equal(standIn.calls.length, 4, "one Slack call per alert");
      for (const r of rows(o)) assert.deepEqual([r.status, r.deliveredVia], ["delivered", "email"]);
      assert.match(rows(o)[0]!.lastError ?? "", /^slack: .*500/);

      standIn.misbehave({ kind: "ok" });
      const fifth = await o.raise("node-5");
      assert.equal(slackPostsAbout(standIn, fifth.id).length, 1);
      const [summary, ...more] = summaries(standIn);
      assert.deepEqual(more, []);
      assert.match(summary!.text ?? "", /4 notifications went by email/);
      for (const a of raised) assert.equal(slackPostsAbout(standIn, a.id).length, 0, `${a.id} is not posted in Slack after the fact`);
      assert.equal(alertMails(sink).length, 4);
      assert.deepEqual(o.outbox.counts(), { pending: 0, sending: 0, delivered: 6 });
    },
  );

  fault(
    "delivery",
    {
      broken: "Slack answers 429 with Retry-After: 1 twice in a row",
      holds: "the Retry-After is honoured (no call sooner than 1 s after a 429) and waited out in place: the alert reaches Slack, not email, within seconds, after 3 calls",
      quick: true,
    },
    async () => {
      const o = await oyster();
      standIn.misbehave({ kind: "rate-limited", retryAfterSeconds: 1, times: 2 });
      const { value: a, ms } = await timed(() => o.raise("node-1"));
      const calls = slackCalls(standIn);
      assert.equal(calls.length, 3);
      for (let i = 1; i < calls.length; i++) assert.ok(calls[i]!.at - calls[i - 1]!.at >= 950, `call ${i + 1} came ${calls[i]!.at - calls[i - 1]!.at} ms after a 429`);
      assert.ok(ms < 8000, `bounded: two 1 s waits (${ms} ms)`);
      assert.equal(slackPostsAbout(standIn, a.id).length, 1);
      assert.equal(sink.messages.length, 0);
    },
  );

  fault(
    "delivery",
    {
      broken: "a 429 storm: Slack answers 429 with Retry-After: 120 to every call",
      holds: "Slack is called once, then not before the 120 s are over; meanwhile alerts go by email at once (no 120 s wait in the worker); after the storm Slack takes the next alert and one summary",
      quick: true,
    },
    async () => {
      const o = await oyster();
      standIn.misbehave({ kind: "rate-limited", retryAfterSeconds: 120 });
      const { ms } = await timed(async () => {
        for (const n of ["node-1", "node-2", "node-3"]) await o.book.raise({ source: "guardian", check: "node_availability", node: n, severity: "critical", message: `${n} down`, attempts: 1 });
        await o.drain();
      });
      assert.ok(ms < 8000, `the worker did not sit out Retry-After (${ms} ms)`);
      assert.equal(standIn.calls.length, 1, "one call, then Slack is left alone");
      assert.equal(alertMails(sink).length, 3);
      const later = rows(o).filter((r) => r.key !== rows(o).at(-1)!.key);
      for (const r of later) assert.match(r.lastError ?? "", /^slack: not called before 2026-11-27T09:02:00\.000Z, as it asked \(Slack answered 429 \(rate limited\), Retry-After 120 s\)$/);

      o.clock.advance(60 * SECOND);
      await o.raise("node-4");
      assert.equal(standIn.calls.length, 1, "still within Retry-After: no call");
      assert.equal(alertMails(sink).length, 4);

      o.clock.advance(61 * SECOND);
      standIn.misbehave({ kind: "ok" });
      const fifth = await o.raise("node-5");
      assert.equal(slackPostsAbout(standIn, fifth.id).length, 1);
      assert.equal(summaries(standIn).length, 1);
      assert.match(summaries(standIn)[0]!.text ?? "", /4 notifications went by email/);
      noMailTwice(sink);
      assert.equal(sink.messages.length, 4);
    },
  );

  fault(
    "delivery",
    {
      broken: "a 429 storm (Retry-After: 120) with no email configured",
      holds: "the alert waits in the outbox until Retry-After has passed (not the 30 s backoff), Slack is not called sooner, and then it is delivered once",
      quick: true,
    },
    async () => {
      const o = await oyster({ email: false });
      standIn.misbehave({ kind: "rate-limited", retryAfterSeconds: 120 });
      const a = await o.raise("node-1");
      const [row] = rows(o);
      assert.deepEqual([row!.status, row!.attempts], ["pending", 1]);
      assert.equal(row!.nextAttemptAt, new Date(o.clock.now().getTime() + 120 * SECOND).toISOString(), `due when Slack said, not after 30 s: ${row!.lastError}`);
      o.clock.advance(60 * SECOND);
      await o.drain();
      assert.equal(standIn.calls.length, 1);
      o.clock.advance(60 * SECOND);
      standIn.misbehave({ kind: "ok" });
      await o.drain();
      assert.equal(slackPostsAbout(standIn, a.id).length, 1);
      assert.equal(standIn.calls.length, 2);
      assert.deepEqual(o.outbox.counts(), { pending: 0, sending: 0, delivered: 1 });
    },
  );

  fault(
    "delivery",
    {
      broken: "Slack hangs: it takes every request and never answers",
      holds: "one call is cut off by the delivery timeout (10 s), then Slack is on hold and the other alerts go by email at once; after the hold Slack is tried again and takes the next alert, with one summary",
      timeoutMs: 120_000,
    },
    async () => {
      const o = await oyster();
      standIn.misbehave({ kind: "hang" });
      const { ms } = await timed(async () => {
        for (const n of ["node-1", "node-2", "node-3"]) await o.book.raise({ source: "guardian", check: "node_availability", node: n, severity: "critical", message: `${n} down`, attempts: 1 });
        await o.drain();
      });
      assert.ok(ms >= 9_000 && ms < 20_000, `one 10 s timeout, not one per alert (${ms} ms)`);
      assert.equal(standIn.calls.length, 1);
      assert.equal(alertMails(sink).length, 3);
      const held = rows(o).filter((r) => r.lastError?.includes("failed only after"));
      assert.equal(held.length, 2, "two alerts skipped the hung Slack");
      assert.match(held[0]!.lastError ?? "", /^slack: not called before 2026-11-27T09:00:30\.000Z: its last call failed only after 10(\.\d)? s$/);

      o.clock.advance(31 * SECOND);
      standIn.misbehave({ kind: "ok" });
      const fourth = await o.raise("node-4");
      assert.equal(slackPostsAbout(standIn, fourth.id).length, 1);
      assert.equal(summaries(standIn).length, 1);
      noMailTwice(sink);
      assert.equal(sink.messages.length, 3);
    },
  );

  fault(
    "delivery",
    {
      broken: "dropped sockets: connections to Slack reset before the request arrives, then two answers lost after Slack posted",
      holds: "reset requests go by email, never twice; each lost answer costs at most one duplicate (Slack's copy and the email), no hidden retry posts a third; nothing lost",
      quick: true,
    },
    async () => {
      const o = await oyster();
      await line.set("reset");
      const a1 = await o.raise("node-1");
      o.clock.advance(MINUTE);
      const a2 = await o.raise("node-2");
      assert.ok(line.resets >= 2);
      assert.equal(standIn.calls.length, 0, "nothing reached Slack");
      assert.equal(alertMails(sink).length, 2);

      // Slack acts on the next two requests and both answers are lost: a retry of its own (web-api's
      // default) would post the alert a third time; here each lost answer costs one copy at most.
      await line.set("lose-answer", { times: 2 });
      o.clock.advance(MINUTE);
      const a3 = await o.raise("node-3");
      o.clock.advance(MINUTE);
      const a4 = await o.raise("node-4");
      assert.equal(line.lostAnswers, 2);
      const copies = (a: Alert) => slackPostsAbout(standIn, a.id).length + alertMails(sink).filter((m) => m.text.includes(a.id)).length;
      for (const a of [a3, a4]) assert.ok(copies(a) >= 1 && copies(a) <= 2, `${a.id}, whose answer was lost, arrived ${copies(a)} times`);

      await line.set("pass");
      o.clock.advance(MINUTE);
      const a5 = await o.raise("node-5");
      for (const a of [a1, a2, a5]) assert.equal(copies(a), 1, `${a.id} arrived once`);
      noMailTwice(sink);
      assert.deepEqual(o.outbox.counts(), { pending: 0, sending: 0, delivered: 6 }, "5 alerts and the summary");
    },
  );

  for (const code of ["channel_not_found", "not_in_channel"] as const) {
    fault(
      "delivery",
      {
        broken: `Slack answers ok:false ${code} to every post`,
        holds: "each alert goes by email once; Slack is still tried once per alert (a person can fix it while Oyster runs); one email tells what to do; once fixed Slack takes the next alert and summarises the rest",
        quick: true,
      },
      async () => {
        const o = await oyster();
        standIn.misbehave({ kind: "ok-false", error: code, methods: ["chat.postMessage"] });
        for (const n of ["node-1", "node-2", "node-3"]) {
          await o.raise(n);
          o.clock.advance(MINUTE);
        }
        assert.equal(slackCalls(standIn).length, 3, "one call per alert, no more");
        assert.equal(alertMails(sink).length, 3);
        const [notice, ...more] = notices(sink);
        assert.deepEqual(more, [], "one notice, not one per alert");
        assert.equal(notice!.subject, `[Oyster] Slack refuses delivery (${code})`);
        assert.match(notice!.text, code === "not_in_channel" ? /not a member of Slack channel CALERTS: invite it/ : /Slack does not know channel CALERTS .*slack\.alertChannel/);
        for (const r of rows(o).filter((x) => x.key.startsWith("alert:"))) assert.match(r.lastError ?? "", new RegExp(`^slack: Slack refused channel CALERTS \\(${code}\\)$`));

        standIn.misbehave({ kind: "ok" });
        const fourth = await o.raise("node-4");
        assert.equal(slackPostsAbout(standIn, fourth.id).length, 1);
        assert.match(summaries(standIn)[0]?.text ?? "", /3 notifications went by email/);
        noMailTwice(sink);
        assert.equal(sink.messages.length, 4);
      },
    );
  }

  fault(
    "delivery",
    {
      broken: "Slack answers ok:false invalid_auth (the bot token revoked)",
      holds: "Slack is called once and never again by that process; every alert goes by email once, one email says the token is refused; the report's Slack copy waits; after a restart with a good token Slack takes it all once",
      quick: true,
    },
    async () => {
      const o = await oyster();
      standIn.misbehave({ kind: "ok-false", error: "invalid_auth" });
      const a1 = await o.raise("node-1");
      assert.equal(standIn.calls.length, 1);
      const [notice, ...more] = notices(sink);
      assert.deepEqual(more, []);
      assert.equal(notice!.subject, "[Oyster] Slack refuses delivery (invalid_auth): Slack is no longer called");
      assert.match(notice!.text, /Put a valid bot token in place .* and restart Oyster/);

      o.clock.advance(5 * MINUTE);
      const a2 = await o.raise("node-2");
      await o.resolve("node-1");
      await o.report("Oyster daily report 2026-11-27");
      for (let i = 0; i < 4; i++) {
        o.clock.advance(30 * MINUTE);
        await o.drain();
      }
      assert.equal(standIn.calls.length, 1, "Slack was not called again, two hours later");
      assert.equal(notices(sink).length, 1, "still one notice");
      assert.equal(alertMails(sink).length, 3, "raise, raise, resolution");
      assert.equal(sink.messages.filter((m) => m.key.startsWith("report:")).length, 1, "the report's email copy");
      noMailTwice(sink);
      const waiting = rows(o).filter((r) => r.status === "pending");
      assert.deepEqual(waiting.map((r) => r.key), ["report:Oyster daily report 2026-11-27:2026-11-27:slack"], "only the Slack copy of the report waits");
      assert.match(waiting[0]!.lastError ?? "", /^slack: not called since 2026-11-27T09:00:00\.000Z, when Slack refused the bot token \(invalid_auth\); restart Oyster once that is fixed$/);

      // A new token and a restart: a new process over the same data dir.
      await o.close();
      running.splice(running.indexOf(o), 1);
      standIn.misbehave({ kind: "ok" });
      const again = await oyster({ dir: o.dir, clock: o.clock });
      again.wired.delivery.deliverer.start();
      o.clock.advance(31 * MINUTE);
      await again.drain();
      const a3 = await again.raise("node-3");
      await again.drain();
      assert.equal(standIn.messages(REPORTS).length, 1, "the report's Slack copy, once");
      assert.equal(slackPostsAbout(standIn, a3.id).length, 1);
      for (const a of [a1, a2]) assert.equal(slackPostsAbout(standIn, a.id).length, 0, `${a.id} went by email, and is not posted again`);
      assert.equal(summaries(standIn).length, 1);
      assert.match(summaries(standIn)[0]!.text ?? "", /3 notifications went by email/);
      assert.equal(notices(sink).length, 1, "the notice is not sent again the same day");
      // raise, notice, raise, resolution, the report's two copies; then a raise and the summary.
      assert.deepEqual(again.outbox.counts(), { pending: 0, sending: 0, delivered: 8 });
    },
  );

  fault(
    "delivery",
    {
      broken: "SMTP is down (nothing listens) while Slack works",
      holds: "alerts go by Slack; the report's email copy waits in the outbox and is delivered once when SMTP is back; nothing goes twice",
      quick: true,
    },
    async () => {
      const o = await oyster();
      await sink.stop();
      const a = await o.raise("node-1");
      await o.report("Oyster daily report 2026-11-27");
      assert.equal(slackPostsAbout(standIn, a.id).length, 1);
      assert.equal(standIn.messages(REPORTS).length, 1);
      const [waiting, ...rest] = rows(o).filter((r) => r.status === "pending");
      assert.deepEqual(rest, []);
      assert.equal(waiting!.key, "report:Oyster daily report 2026-11-27:2026-11-27:email");
      assert.match(waiting!.lastError ?? "", /^email: .*ECONNREFUSED/);

      await sink.restart();
      o.clock.advance(31 * SECOND);
      await o.drain();
      assert.deepEqual(sink.messages.map((m) => m.key), ["report:Oyster daily report 2026-11-27:2026-11-27:email"]);
      assert.equal(standIn.messages(REPORTS).length, 1);
      assert.deepEqual(o.outbox.counts(), { pending: 0, sending: 0, delivered: 3 });
    },
  );

  fault(
    "delivery",
    {
      broken: "Slack (connection refused) and SMTP both down for ten minutes of fake clock while alerts come and go",
      holds: "every event waits in the outbox (counted), at most 3 attempts a pass; after recovery every one is delivered within one retry interval, each exactly once, in order, and no summary (nothing went by email)",
      quick: true,
    },
    async () => {
      const o = await oyster();
      await line.set("down");
      await sink.stop();
      const events: Array<() => Promise<unknown>> = [
        () => o.book.raise({ source: "guardian", check: "node_availability", node: "node-1", severity: "critical", message: "node-1 down", attempts: 1 }),
        () => o.book.raise({ source: "guardian", check: "node_availability", node: "node-2", severity: "critical", message: "node-2 down", attempts: 1 }),
        () => o.book.raise({ source: "guardian", check: "node_availability", node: "node-3", severity: "critical", message: "node-3 down", attempts: 1 }),
        () => o.book.raise({ source: "guardian", check: "ssh_connection", node: "node-4", severity: "warning", message: "node-4 slow", attempts: 1 }),
        () => o.book.raise({ source: "guardian", check: "node_availability", node: "node-5", severity: "critical", message: "node-5 down", attempts: 1 }),
        () => o.book.resolve("guardian", "node_availability", "node-1"),
        () => o.book.resolve("guardian", "node_availability", "node-2"),
        () => o.book.raise({ source: "guardian", check: "node_availability", node: "node-6", severity: "critical", message: "node-6 down", attempts: 1 }),
        () => o.wired.reportSink.sendReport({ subject: "Oyster daily report 2026-11-27", text: "t", html: "<p>h</p>", blocks: [] }),
        () => o.book.resolve("guardian", "ssh_connection", "node-4"),
      ];
      const expected = [1, 2, 3, 4, 5, 6, 7, 8, 10, 11];
      for (const [i, step] of events.entries()) {
        await step();
        await o.drain();
        assert.deepEqual(o.outbox.counts(), { pending: expected[i]!, sending: 0, delivered: 0 }, `minute ${i}: every event so far waits`);
        o.clock.advance(MINUTE);
      }
      const attempts = rows(o).reduce((n, r) => n + r.attempts, 0);
      assert.ok(attempts <= FAILURES_BEFORE_PAUSE * events.length, `bounded: ${attempts} attempts in 10 passes`);

      // Both back at minute 10; the worker's next passes (every 30 s of fake clock here) deliver.
      await line.set("pass");
      await sink.restart();
      const back = o.clock.now().getTime();
      for (let i = 0; i < 40 && o.outbox.counts().pending > 0; i++) {
        o.clock.advance(30 * SECOND);
        await o.drain();
      }
      const took = o.clock.now().getTime() - back;
      assert.deepEqual(o.outbox.counts(), { pending: 0, sending: 0, delivered: 11 });
      assert.ok(took <= 8 * MINUTE, `delivered within one retry interval of the recovery (${took / MINUTE} min)`);

      const delivered = rows(o).reverse();
      assert.deepEqual(delivered.map((r) => r.deliveredVia), ["slack", "slack", "slack", "slack", "slack", "slack", "slack", "slack", "slack", "email", "slack"]);
      const deliveredAt = delivered.map((r) => r.deliveredAt!);
      assert.deepEqual([...deliveredAt].sort(), deliveredAt, "in the order they happened");
      for (const node of ["node-1", "node-2", "node-3", "node-4", "node-5", "node-6"]) {
        const about = standIn.messages(ALERTS).filter((m) => m.thread_ts === undefined && text(m).includes(node));
        assert.ok(about.length >= 1, `${node} shown in Slack`);
      }
      const top = standIn.messages(ALERTS).filter((m) => m.thread_ts === undefined);
      const ids = new Set<string>();
      for (const m of top) for (const id of text(m).match(/\bA\d+\b/g) ?? []) ids.add(id);
      for (const id of ids) assert.ok(top.filter((m) => mentions(id).test(text(m))).length === 1, `${id} in exactly one Slack message`);
      assert.equal(summaries(standIn).length, 0, "nothing went by email, so nothing to summarise");
      assert.deepEqual(sink.messages.map((m) => m.key), ["report:Oyster daily report 2026-11-27:2026-11-27:email"]);
      await waitUntil(() => o.outbox.counts().sending === 0, "nothing left in flight");
    },
  );
});
