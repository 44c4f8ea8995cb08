// The Slack stand-in is only useful if the real Bolt cannot tell it from Slack: these tests drive
// it with @slack/bolt 5 in Socket Mode and HTTP mode, and pin the Bolt options the bot relies on.
import assert from "node:assert/strict";
import type { Server } from "node:http";
import { after, before, beforeEach, describe, it } from "node:test";
import type { App } from "@slack/bolt";
import { httpModeApp, plainSocketModeApp, socketModeApp } from "../helpers/slack-standin/bolt-apps.ts";
import { blockActionsPayload, signSlackRequest, slashCommandForm, startStandIn, type StandIn } from "../helpers/slack-standin/index.ts";
import { waitUntil } from "../helpers/wait-until.ts";

/** The error a call rejected with (failing the test if it resolved). */
async function caught(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error("expected the call to fail");
}

function oysterCommand(app: App): void {
  app.command("/oyster", async ({ ack, respond, command }) => {
    await ack({ text: "working..." });
    await respond({ text: "done " + command.text });
  });
}

/** A full round trip: the ack with the immediate reply, then the later answer at response_url. */
async function roundTrip(s: StandIn, text: string): Promise<void> {
  const r = await s.slashCommand({ text, user_id: "U0ALICE", channel_id: "C0OPS" });
  assert.deepEqual(r.ack, { text: "working..." });
  await waitUntil(() => s.responses.some((x) => x.body.text === `done ${text}` && r.responseUrl.endsWith(x.id)), `response to ${text}`);
}

/** Triggers a reconnect and measures how long until a new socket got hello. */
async function reconnect(s: StandIn, trigger: () => unknown): Promise<number> {
  const opened = s.connectionsOpened;
  const t0 = Date.now();
  await trigger();
  await waitUntil(() => s.connectionsOpened > opened, "a new apps.connections.open", 20_000);
  await s.waitForSocket(5000);
  return Date.now() - t0;
}

let s: StandIn;
before(async () => (s = await startStandIn()));
after(() => s.close());
beforeEach(() => s.reset());

it("signs requests exactly like Slack's published test vector", () => {
  const body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
  const h = signSlackRequest("8f742231b10e8888abcd99yyyzzz85a5", body, 1531420618);
  assert.equal(h["x-slack-signature"], "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
});

describe("Socket Mode with the plain App options (one shared clientOptions)", () => {
  let app: App;
  before(async () => {
    app = plainSocketModeApp(s).app;
    oysterCommand(app);
    await app.start();
  });
  after(() => app.stop());

  it("opens the socket with the app token, acks a command in time, answers at the response URL, posts and updates", async () => {
    await roundTrip(s, "status");
    const posted = await app.client.chat.postMessage({ channel: "C0OPS", text: "alert", blocks: [{ type: "section", text: { type: "mrkdwn", text: "*alert*" } }] });
    await app.client.chat.update({ channel: "C0OPS", ts: String(posted.ts), text: "alert (resolved)" });
    const call = s.calls.find((c) => c.method === "chat.postMessage");
    assert.equal(call?.token, "xoxb-test");
    assert.deepEqual(call?.body.blocks, [{ type: "section", text: { type: "mrkdwn", text: "*alert*" } }]);
    assert.deepEqual(s.messages("C0OPS").map((m) => [m.ts, m.text, m.updates]), [[posted.ts, "alert (resolved)", 1]]);
  });

  it("reconnects after refresh_requested, but only after the default 5 s clientPingTimeout", async () => {
    const ms = await reconnect(s, () => s.disconnect("refresh_requested"));
    assert.ok(ms >= 4500, `reconnected after ${ms} ms`);
    assert.deepEqual(s.calls.filter((c) => c.method === "apps.connections.open").map((c) => c.token), ["xapp-test"]);
    await roundTrip(s, "after refresh");
  });

  it("without rejectRateLimitedCalls, a 429 silently holds the call for Retry-After, then throws a request error", async () => {
    s.misbehave({ kind: "rate-limited", methods: ["chat.postMessage"], retryAfterSeconds: 1 });
    const t0 = Date.now();
    const err = await caught(app.client.chat.postMessage({ channel: "C0OPS", text: "x" }));
    assert.ok(Date.now() - t0 >= 1000);
    assert.equal(err.code, "slack_webapi_request_error"); // not slack_webapi_rate_limited_error
    assert.match(err.message, /rate limit was exceeded/);
  });
});

describe("Socket Mode with our own SocketModeReceiver (prompt reconnects, separate retries)", () => {
  let app: App;
  const clicks: string[] = [];
  before(async () => {
    app = socketModeApp(s, { clientPingTimeout: 1000, clientOptions: { timeout: 1000 } }).app;
    oysterCommand(app);
    app.action("confirm", async ({ ack, body }) => void (await ack(), clicks.push(body.user.id)));
    await app.start();
  });
  after(() => app.stop());

  for (const [name, trigger] of [
    ["a refresh_requested disconnect", () => s.disconnect("refresh_requested")],
    ["a dropped TCP connection", () => s.dropSocket()],
    ["a stand-in restart on the same port", () => s.restart()],
    ["a 2.5 s outage (apps.connections.open retried)", () => s.restart(2500)],
  ] as const) {
    it(`comes back promptly after ${name}`, async () => {
      const ms = await reconnect(s, trigger);
      assert.ok(ms < 6000, `reconnected after ${ms} ms`);
      await roundTrip(s, name);
    });
  }

  it("acks a button click (block_actions over an interactive envelope)", async () => {
    const payload = blockActionsPayload({ user_id: "U0ALICE", channel_id: "C0OPS", action_id: "confirm", value: "plan-1", response_url: s.responseUrl() });
    await s.interaction(payload);
    assert.deepEqual(clicks, ["U0ALICE"]);
  });

  it("uploads a file in Slack's three steps", async () => {
    await app.client.filesUploadV2({ channel_id: "C0OPS", filename: "cpu.png", content: "PNGDATA", initial_comment: "chart" });
    assert.deepEqual(s.calls.map((c) => c.method), ["files.getUploadURLExternal", "files.completeUploadExternal"]);
    assert.deepEqual(s.uploads.map((u) => [u.filename, u.bytes, u.completed, u.channel_id, u.initial_comment]), [["cpu.png", 7, true, "C0OPS", "chart"]]);
  });

  const failures: Array<[string, Parameters<StandIn["misbehave"]>[0], RegExp]> = [
    ["ok:false", { kind: "ok-false", times: 1 }, /slack_webapi_platform_error/],
    ["HTTP 500", { kind: "http500", times: 1 }, /slack_webapi_http_error/],
    ["HTTP 429", { kind: "rate-limited", retryAfterSeconds: 30, times: 1 }, /slack_webapi_rate_limited_error/],
    ["a hung request", { kind: "hang", times: 1 }, /slack_webapi_request_error/],
  ];
  for (const [name, m, code] of failures) {
    it(`throws at once on ${name} (retries 0), and the next call works`, async () => {
      s.misbehave(m);
      const t0 = Date.now();
      const err = await caught(app.client.chat.postMessage({ channel: "C0OPS", text: "x" }));
      assert.match(err.code ?? "", code);
      assert.ok(Date.now() - t0 < 2000, "no hidden wait or retry");
      assert.equal(s.calls.length, 1);
      await app.client.chat.postMessage({ channel: "C0OPS", text: "y" });
      assert.equal(s.messages("C0OPS").length, 1);
    });
  }
  it("ok:false carries Slack's error code", async () => {
    s.misbehave({ kind: "ok-false", error: "channel_not_found", methods: ["chat.postMessage"] });
    await assert.rejects(app.client.chat.postMessage({ channel: "C0OPS", text: "x" }), (e: { data?: { error?: string } }) => e.data?.error === "channel_not_found");
    await app.client.chat.postEphemeral({ channel: "C0OPS", user: "U0ALICE", text: "only for you" }); // other methods unaffected
  });
});

describe("HTTP mode (HTTPReceiver, signed requests)", () => {
  const secret = "stand-in-signing-secret";
  let app: App;
  let url: string;
  let handled = 0;
  before(async () => {
    app = httpModeApp(s, secret).app;
    oysterCommand(app);
    app.use(async ({ next }) => void (handled += 1, await next()));
    const server = (await app.start(0)) as Server;
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/slack/events`;
  });
  after(() => app.stop());

  const post = (body: string, headers: Record<string, string>) => fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body });

  it("answers a signed slash command with the ack and runs the handler", async () => {
    const responseUrl = s.responseUrl();
    const body = slashCommandForm({ text: "status", user_id: "U0ALICE", channel_id: "C0OPS", response_url: responseUrl });
    const res = await post(body, signSlackRequest(secret, body, Date.now() / 1000));
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { text: "working..." });
    await waitUntil(() => s.responses.some((r) => r.body.text === "done status" && responseUrl.endsWith(r.id)), "the response");
  });

  it("rejects a bad signature and a timestamp older than 5 minutes with 401, before any handler", async () => {
    const before = handled;
    const body = slashCommandForm({ text: "evil", user_id: "U0MALLORY", response_url: s.responseUrl() });
    const now = Date.now() / 1000;
    assert.equal((await post(body, signSlackRequest("wrong-secret", body, now))).status, 401);
    assert.equal((await post(body, signSlackRequest(secret, body, now - 6 * 60))).status, 401);
    assert.equal(handled, before);
  });
});
