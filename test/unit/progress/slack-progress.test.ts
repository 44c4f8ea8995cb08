import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it, mock } from "node:test";
import { translator } from "../../../src/locale/index.ts";
import { SLACK_PROGRESS_UPDATES, slackProgress } from "../../../src/progress/slack-progress.ts";

const t = translator("en");
const HEAD = "working on `/oyster sync`...";
/** Lets queued updates reach `post` (each runs after the one before it). */
const settle = () => new Promise((r) => setImmediate(r));

describe("Slack progress", () => {
  beforeEach(() => mock.timers.enable({ apis: ["setTimeout", "setInterval", "Date"] }));
  afterEach(() => mock.timers.reset());

  it("posts nothing before the reply exists, then at most one update every 2 s, the latest state each time", async () => {
    const posts: string[] = [];
    const p = slackProgress({ t, head: HEAD, now: () => Date.now(), post: async (text) => void posts.push(text) });
    p.start(20, "sync");
    p.step(3, ["node-4"]);
    mock.timers.tick(5000);
    await settle();
    assert.deepEqual(posts, [], "not armed: the ack has not been sent");
    p.arm();
    p.step(5, ["node-6"]);
    await settle();
    assert.deepEqual(posts, [], "the ack itself counts as the last post: 2 s first");
    mock.timers.tick(1999);
    p.step(6, ["node-7"]);
    await settle();
    assert.deepEqual(posts, []);
    mock.timers.tick(1);
    await settle();
    assert.deepEqual(posts, [`${HEAD}\nsync: 6/20 nodes done (7 s); working on node-7`]);
    p.step(12, ["node-13"]);
    p.step(13, []);
    mock.timers.tick(2000);
    await settle();
    assert.equal(posts.length, 2);
    assert.equal(posts[1], `${HEAD}\nsync: 13/20 nodes done (9 s)`);
    await p.close();
  });

  it(`stops at ${SLACK_PROGRESS_UPDATES} updates, leaving Slack's other uses of the response_url to the answer`, async () => {
    const posts: string[] = [];
    const p = slackProgress({ t, now: () => Date.now(), post: async (text) => void posts.push(text) });
    p.arm();
    p.start(50, "install");
    for (let i = 1; i <= 50; i++) {
      mock.timers.tick(2500);
      p.step(i, [`node-${i}`]);
    }
    await settle();
    assert.equal(posts.length, SLACK_PROGRESS_UPDATES);
    assert.ok(SLACK_PROGRESS_UPDATES <= 3, "Slack allows 5 uses: one for the answer, one for a file's fallback");
    await p.close();
  });

  it("close waits for an update under way, and nothing is posted after it", async () => {
    const order: string[] = [];
    let release!: () => void;
    const p = slackProgress({
      t,
      now: () => Date.now(),
      post: (text) => {
        order.push(`post ${text}`);
        return new Promise<void>((r) => (release = () => (order.push("posted"), r())));
      },
    });
    p.arm();
    p.start(3, "restart");
    mock.timers.tick(2000);
    await settle();
    assert.equal(order.length, 1, "the update is under way");
    let closed = false;
    const closing = p.close().then(() => (closed = true));
    await settle();
    assert.equal(closed, false, "close waits for the update");
    release();
    await closing;
    assert.deepEqual(order, ["post restart: 0/3 nodes done (2 s)", "posted"]);
    p.step(3, []);
    mock.timers.tick(10_000);
    await settle();
    assert.equal(order.length, 2, "nothing after close");
  });

  it("a failed update is logged, never thrown: the work and its answer go on", async () => {
    const warned: unknown[] = [];
    const p = slackProgress({ t, now: () => Date.now(), log: { warn: (o: unknown) => void warned.push(o) }, post: async () => { throw new Error("expired_url"); } });
    p.arm();
    p.start(2, "sync");
    mock.timers.tick(2000);
    await p.close();
    assert.equal(warned.length, 1);
  });

  it("escapes what it shows (mrkdwn), and speaks the configured language", async () => {
    const posts: string[] = [];
    const p = slackProgress({ t: translator("zh-CN"), now: () => Date.now(), post: async (text) => void posts.push(text) });
    p.arm();
    p.start(2, "backup");
    p.step(0, ["copy"]);
    mock.timers.tick(2000);
    const q = slackProgress({ t, now: () => Date.now(), post: async (text) => void posts.push(text) });
    q.arm();
    q.start(2, "sync");
    q.step(1, ["<!channel>&"]);
    mock.timers.tick(2000);
    await p.close();
    await q.close();
    assert.deepEqual(posts, ["备份：第 1/2 步（2 秒）；正在复制并校验 dispatch.db 快照", "sync: 1/2 nodes done (2 s); working on &lt;!channel&gt;&amp;"]);
  });
});
