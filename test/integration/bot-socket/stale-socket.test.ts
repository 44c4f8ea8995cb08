// The life of `<dataDir>/oyster.sock` across bots: made 0600 inside the 0700 data dir (the only
// guard against other users: Node has no peer-credential API), kept by the bot that made it,
// removed on SIGTERM, and a socket left by a bot killed with kill -9 blocking neither the CLI nor
// the next bot. Real bots (dist/main.js), real `oyster` bin, real sshd nodes.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { chmodSync, existsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { after, before, describe, it } from "node:test";
import { HELLO_TIMEOUT_MS } from "../../../src/bot-socket/client.ts";
import { socketPath } from "../../../src/bot-socket/protocol.ts";
import { modeOf, withUmask } from "../../helpers/file-modes.ts";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { ensureNodeUser } from "../../helpers/rig/node-user.ts";
import { runOyster, type OysterRun } from "../../helpers/run-oyster.ts";
import { waitUntil } from "../../helpers/wait-until.ts";
import { startBot, type BotProcess } from "./bot-process.ts";

/** What two runs a moment apart may differ in: measured timings and the rig machine's live readings. */
const MEASURED = new Set(["latencyMs", "durationMs", "startedAt", "uptimeSeconds", "load", "usedBytes", "usedPercent", "inodesUsedPercent", "availableBytes", "availablePercent"]);
function normalized(doc: unknown, key = ""): unknown {
  if (MEASURED.has(key) && doc !== null) return "<measured>";
  if (Array.isArray(doc)) return doc.map((d) => normalized(d));
  if (doc && typeof doc === "object") return Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, normalized(v, k)]));
  return doc;
}
const answer = (r: OysterRun) => ({ code: r.code, doc: normalized(JSON.parse(r.stdout)), stderr: r.stderr });

/** Connects to `path` as another OS user: "connected", or the error's code. */
async function connectAs(user: { uid: number; gid: number }, path: string): Promise<string> {
  const script = `const s = require("node:net").connect(${JSON.stringify(path)});
s.on("connect", () => { console.log("connected"); s.destroy(); });
s.on("error", (e) => console.log(e.code));`;
  const child = spawn(process.execPath, ["-e", script], { uid: user.uid, gid: user.gid, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  await once(child, "close");
  return out.trim();
}

describe("the CLI socket across bots", () => {
  let rig: Rig;
  let fleet: Fleet;
  let sock: string;
  let root: string;
  const bots: BotProcess[] = [];
  /** A bot for this test; whatever a test leaves running is stopped after it. */
  async function bot(): Promise<BotProcess> {
    const b = await startBot(fleet.env, root);
    bots.push(b);
    return b;
  }

  before(async () => {
    rig = await startRig(2);
    fleet = makeFleet(rig);
    root = dirname(fleet.dataDir);
    sock = socketPath(fleet.dataDir);
  });
  after(async () => {
    await Promise.all(bots.map((b) => b.stop()));
    await rig?.close();
  });

  it("the socket is 0600 in the 0700 data dir, whatever the umask, and another user can connect neither through the dir nor to the socket itself", async (t) => {
    // The bot inherits the umask it is started under: 000 would leave a socket anyone may open.
    const b = await withUmask(() => bot(), 0o000);
    assert.equal(modeOf(fleet.dataDir), "0700");
    assert.ok(statSync(sock).isSocket());
    assert.equal(modeOf(sock), "0600");
    assert.equal(statSync(sock).uid, process.getuid!());
    assert.deepEqual((await runOyster(["status", "--json"], fleet.env)).code, 0);
    assert.equal(b.requests(), 1, "the owner is answered");
    const other = ensureNodeUser();
    if (!other.chown) {
      t.diagnostic("not root: no other user to connect as");
      return;
    }
    // The fleet's temp root is 0700 too: open it, so the data dir is the guard under test.
    chmodSync(root, 0o711);
    try {
      assert.equal(await connectAs(other, sock), "EACCES", "the 0700 data dir keeps another user out");
      // And were the data dir opened up (by hand, or an old install), the 0600 socket still does.
      chmodSync(fleet.dataDir, 0o755);
      try {
        assert.equal(await connectAs(other, sock), "EACCES", "the 0600 socket keeps another user out");
      } finally {
        chmodSync(fleet.dataDir, 0o700);
      }
    } finally {
      chmodSync(root, 0o700);
    }
    assert.equal(b.requests(), 1, "nothing reached the bot from the other user");
    await b.stop();
  });

  it("a socket left by a bot killed with kill -9 does not block the CLI (it runs in-process at once, as with OYSTER_NO_BOT=1) nor the next bot, which replaces it and answers", async () => {
    const first = await bot();
    const firstInode = statSync(sock).ino;
    await first.kill9();
    assert.ok(existsSync(sock), "kill -9 left the socket behind");
    assert.equal(statSync(sock).ino, firstInode);

    const stale = await runOyster(["status", "--json"], fleet.env);
    const inProcess = await runOyster(["status", "--json"], { ...fleet.env, OYSTER_NO_BOT: "1" });
    assert.equal(stale.code, 0, stale.stderr);
    assert.deepEqual(answer(stale), answer(inProcess));
    assert.ok(stale.ms < inProcess.ms + HELLO_TIMEOUT_MS, `no wait on the dead bot: ${Math.round(stale.ms)} ms against ${Math.round(inProcess.ms)} ms in-process`);
    // The text table too, and an error's exit code.
    const text = await runOyster(["status"], fleet.env);
    const textInProcess = await runOyster(["status"], { ...fleet.env, OYSTER_NO_BOT: "1" });
    assert.deepEqual([text.code, text.stderr], [textInProcess.code, textInProcess.stderr]);
    const unknown = await runOyster(["status", "no-such-node", "--json"], fleet.env);
    const unknownInProcess = await runOyster(["status", "no-such-node", "--json"], { ...fleet.env, OYSTER_NO_BOT: "1" });
    assert.deepEqual(answer(unknown), answer(unknownInProcess));
    assert.equal(unknown.code, 2);

    const next = await bot();
    assert.match(next.stderr(), /removed the CLI socket a stopped bot left behind/);
    assert.notEqual(statSync(sock).ino, firstInode, "a new socket in its place");
    assert.equal(modeOf(sock), "0600");
    const viaBot = await runOyster(["status", "--json"], fleet.env);
    assert.equal(viaBot.code, 0, viaBot.stderr);
    assert.equal(next.requests(), 1, `the next bot answered; it said:\n${next.stderr()}`);
    assert.deepEqual(answer(viaBot), answer(inProcess));
    await next.stop();
  });

  it("a second bot started while one runs leaves its socket alone: the first keeps answering, also after the second stops", async () => {
    const first = await bot();
    const inode = statSync(sock).ino;
    const second = await bot();
    assert.match(second.stderr(), /another bot answers on the CLI socket/);
    assert.equal(statSync(sock).ino, inode, "the second bot did not replace the socket");
    const r = await runOyster(["status", "--json"], fleet.env);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual([first.requests(), second.requests()], [1, 0]);

    assert.equal(await second.stop(), 0);
    assert.ok(existsSync(sock), "the second bot's exit did not remove the first's socket");
    assert.equal(statSync(sock).ino, inode);
    const again = await runOyster(["status", "--json"], fleet.env);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual([first.requests(), second.requests()], [2, 0]);
    await first.stop();
  });

  it("on SIGTERM the bot removes its socket, and the CLI then runs in-process", async () => {
    const b = await bot();
    assert.ok(existsSync(sock));
    assert.equal(await b.stop(), 0);
    assert.equal(existsSync(sock), false, `the socket is gone; the bot said:\n${b.stderr()}`);
    const r = await runOyster(["status", "--json"], fleet.env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(b.requests(), 0);
    // The next bot starts clean: nothing stale to remove.
    const next = await bot();
    assert.doesNotMatch(next.stderr(), /removed the CLI socket/);
    assert.ok(existsSync(sock));
    await waitUntil(async () => (await runOyster(["status", "--json"], fleet.env)).code === 0 && next.requests() === 1, () => `the next bot to answer; it said:\n${next.stderr()}`);
    await next.stop();
  });
});
