// The bot's listening side of `<dataDir>/oyster.sock`: made 0600 before anyone can reach it, a
// stale socket replaced, a live one (another bot's) left alone, and only its own file removed.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, readdirSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { join } from "node:path";
import { describe, it } from "node:test";
import { socketPath } from "../../../src/bot-socket/protocol.ts";
import { probeSocket, startBotSocket, type BotSocket } from "../../../src/bot-socket/server.ts";
import { silentLogger } from "../../../src/log.ts";
import { modeOf, withUmask } from "../../helpers/file-modes.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

function dataDir(): string {
  const dir = join(tmpDir("oyster-srv-"), "data");
  mkdirSync(dir, { mode: 0o700 });
  return dir;
}

/** Leaves a socket file nobody listens on, as a bot killed with kill -9 does. */
async function staleSocket(path: string): Promise<void> {
  const child = spawn(process.execPath, ["-e", `require("node:net").createServer().listen(${JSON.stringify(path)}, () => console.log("up"))`], { stdio: ["ignore", "pipe", "inherit"] });
  await once(child.stdout!, "data");
  child.kill("SIGKILL");
  await once(child, "exit");
}

/** Connects and reads the one line the server under test writes to each connection. */
function greeting(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(path);
    let text = "";
    s.setEncoding("utf8");
    s.on("data", (d) => (text += d));
    s.on("end", () => resolve(text));
    s.on("error", reject);
  });
}
// A probe (another bot starting) connects and hangs up at once: its reset is no failure.
const greeter = (name: string) => (s: Socket) => void s.on("error", () => undefined).end(`${name}\n`);

describe("startBotSocket", () => {
  it("listens on <dataDir>/oyster.sock, 0600 even under umask 000, leaves nothing else behind, and removes it on close", async () => {
    const dir = dataDir();
    const sock = (await withUmask(() => startBotSocket(dir, greeter("bot"), silentLogger()), 0o000))!;
    assert.equal(sock.path, socketPath(dir));
    assert.equal(modeOf(sock.path), "0600");
    assert.ok(statSync(sock.path).isSocket());
    assert.deepEqual(readdirSync(dir), ["oyster.sock"], "the dir it was bound in is gone");
    assert.equal(await greeting(sock.path), "bot\n");
    assert.equal(await probeSocket(sock.path), "live");
    await sock.close();
    assert.equal(existsSync(sock.path), false);
    assert.equal(await probeSocket(sock.path), "absent");
  });

  it("replaces a socket left by a killed bot, saying so", async () => {
    const dir = dataDir();
    await staleSocket(socketPath(dir));
    assert.equal(await probeSocket(socketPath(dir)), "stale");
    const { log, lines } = memoryLogger("info");
    const sock = (await startBotSocket(dir, greeter("new"), log))!;
    assert.ok(sock, "took the socket over");
    assert.equal(await greeting(sock.path), "new\n");
    assert.match(lines.join(""), /removed the CLI socket a stopped bot left behind/);
    await sock.close();
  });

  it("leaves a live bot's socket alone and takes no CLI requests itself", async () => {
    const dir = dataDir();
    const first = (await startBotSocket(dir, greeter("first"), silentLogger()))!;
    const inode = statSync(first.path).ino;
    const { log, lines } = memoryLogger("info");
    assert.equal(await startBotSocket(dir, greeter("second"), log), undefined);
    assert.match(lines.join(""), /another bot answers on the CLI socket/);
    assert.equal(statSync(first.path).ino, inode);
    assert.equal(await greeting(first.path), "first\n");
    await first.close();
  });

  it("on close removes only its own socket, not one a later bot put in its place", async () => {
    const dir = dataDir();
    const first = (await startBotSocket(dir, greeter("first"), silentLogger()))!;
    // As if the first bot hung, was judged gone, and a second replaced its socket.
    unlinkSync(first.path);
    const second = (await startBotSocket(dir, greeter("second"), silentLogger()))!;
    await first.close();
    assert.ok(existsSync(second.path), "the second bot's socket is still there");
    assert.equal(await greeting(second.path), "second\n");
    await second.close();
    assert.equal(existsSync(second.path), false);
  });

  it("two bots starting at once over a stale socket: exactly one takes it, the other says so, and the socket answers", async () => {
    const dir = dataDir();
    await staleSocket(socketPath(dir));
    const logs = [memoryLogger("info"), memoryLogger("info")];
    const started = await Promise.all([startBotSocket(dir, greeter("a"), logs[0]!.log), startBotSocket(dir, greeter("b"), logs[1]!.log)]);
    const live = started.filter((s): s is BotSocket => s !== undefined);
    assert.equal(live.length, 1, `one took the socket; they said:\n${logs.map((l) => l.lines.join("")).join("---\n")}`);
    const loser = logs[started.indexOf(undefined)]!.lines.join("");
    assert.match(loser, /another bot (took|answers on) the CLI socket/);
    assert.equal(await greeting(socketPath(dir)), started[0] ? "a\n" : "b\n");
    assert.equal(modeOf(socketPath(dir)), "0600");
    await live[0]!.close();
    assert.equal(existsSync(socketPath(dir)), false);
  });

  it("a regular file where the socket goes is not a bot: it is left alone and no socket is made", async () => {
    const dir = dataDir();
    writeFileSync(socketPath(dir), "not a socket");
    const { log } = memoryLogger("info");
    const sock = await startBotSocket(dir, greeter("bot"), log);
    if (sock) await sock.close();
    assert.equal(sock, undefined);
    assert.equal(statSync(socketPath(dir)).isFile(), true);
  });
});

describe("probeSocket", () => {
  it("absent, stale or live", async () => {
    const dir = dataDir();
    const path = socketPath(dir);
    assert.equal(await probeSocket(path), "absent");
    await staleSocket(path);
    assert.equal(await probeSocket(path), "stale");
    unlinkSync(path);
    const sock = (await startBotSocket(dir, greeter("x"), silentLogger()))!;
    assert.equal(await probeSocket(path), "live");
    await sock.close();
  });
});
