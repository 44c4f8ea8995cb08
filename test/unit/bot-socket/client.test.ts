// The CLI's side of `<dataDir>/oyster.sock` against bots played here over a real unix socket in a
// temp dir: when it asks the bot and when it runs the command itself (undefined: nothing was run
// anywhere), how it relays output, plans and exit codes, and what Ctrl-C does.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { EventEmitter, once } from "node:events";
import { existsSync, mkdirSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { userInfo } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { after, describe, it } from "node:test";
import { askBot, CANCEL_GRACE_MS, HELLO_TIMEOUT_MS } from "../../../src/bot-socket/client.ts";
import { PROTOCOL, readMessages, send, socketPath, type BotMessage, type ClientMessage } from "../../../src/bot-socket/protocol.ts";
import { serveSession, type SessionDeps } from "../../../src/bot-socket/session.ts";
import { ownBuild } from "../../../src/bot-socket/version.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { notTerminal, terminal } from "../../helpers/in-process-cli.ts";
import { silentLogger } from "../../../src/log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

interface Sandbox {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  configDir: string;
  sock: string;
}

function sandbox(): Sandbox {
  const dir = tmpDir("oyster-sock-");
  const dataDir = join(dir, "data");
  const configDir = join(dir, "config");
  mkdirSync(dataDir, { mode: 0o700 });
  return { env: { OYSTER_DATA_DIR: dataDir, OYSTER_CONFIG_DIR: configDir }, dataDir, configDir, sock: socketPath(dataDir) };
}

/** A bot played by the test: what each connection sent it, and its own reply to each message. */
interface FakeBot {
  received: ClientMessage[][];
  close(): Promise<void>;
}

const servers: Server[] = [];
after(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r))))); 

async function fakeBot(path: string, reply: (msg: ClientMessage, socket: Socket) => void): Promise<FakeBot> {
  const received: ClientMessage[][] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    const mine: ClientMessage[] = [];
    received.push(mine);
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    readMessages<ClientMessage>(socket, (m) => {
      mine.push(m);
      reply(m, socket);
    }, () => socket.destroy());
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(path, r));
  return {
    received,
    close: () => new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}

const hello = (version = ownBuild().version, build: string | null = null, v = PROTOCOL): BotMessage => ({ hello: { v, version, build } });

/** A bot of this very build that runs whatever it is asked with `answer`. */
function sameBuildBot(path: string, answer: (run: Extract<ClientMessage, { run: unknown }>["run"], socket: Socket) => void, onOther?: (msg: ClientMessage, socket: Socket) => void) {
  return fakeBot(path, (msg, socket) => {
    if ("hello" in msg) send(socket, hello());
    else if ("run" in msg) answer(msg.run, socket);
    else onOther?.(msg, socket);
  });
}

const kinds = (msgs: ClientMessage[] | undefined) => (msgs ?? []).map((m) => Object.keys(m)[0]);

describe("askBot", () => {
  it("no socket file: undefined at once (the CLI runs the command itself)", async () => {
    const s = sandbox();
    const c = captureOutput();
    assert.equal(await askBot(["status"], { env: s.env, out: c.out }), undefined);
    assert.equal(c.stdout + c.stderr, "");
  });

  it("a socket left by a bot killed with kill -9 (nobody listens): undefined without waiting", async () => {
    const s = sandbox();
    const child = spawn(process.execPath, ["-e", `require("node:net").createServer().listen(${JSON.stringify(s.sock)}, () => console.log("up"))`], { stdio: ["ignore", "pipe", "inherit"] });
    await once(child.stdout!, "data");
    child.kill("SIGKILL");
    await once(child, "exit");
    assert.ok(existsSync(s.sock), "the killed listener left its socket file");
    const started = performance.now();
    const c = captureOutput();
    assert.equal(await askBot(["status"], { env: s.env, out: c.out }), undefined);
    assert.ok(performance.now() - started < HELLO_TIMEOUT_MS, "refused at once, not timed out");
    assert.equal(c.stdout + c.stderr, "");
  });

  it("a bot older than the CLI (lower version): undefined, and the command is never sent to it", async () => {
    const s = sandbox();
    const bot = await fakeBot(s.sock, (msg, socket) => {
      if ("hello" in msg) send(socket, hello("0.0.1", "2099-01-01T00:00:00.000Z"));
      else if ("run" in msg) send(socket, { exit: 0 });
    });
    const c = captureOutput();
    assert.equal(await askBot(["status", "--json"], { env: s.env, out: c.out }), undefined);
    await waitUntil(() => bot.received.length === 1, "the bot's connection");
    assert.deepEqual(kinds(bot.received[0]), ["hello"]);
    const h = (bot.received[0]![0] as { hello: { v: number; version: string; build: string | null; configDir: string } }).hello;
    assert.deepEqual(h, { v: PROTOCOL, ...ownBuild(), configDir: s.configDir });
    assert.equal(c.stdout + c.stderr, "");
    await bot.close();
  });

  it("a bot speaking another protocol number: undefined, the command never sent", async () => {
    const s = sandbox();
    const bot = await fakeBot(s.sock, (msg, socket) => {
      if ("hello" in msg) send(socket, hello(undefined, null, PROTOCOL + 1));
      else if ("run" in msg) send(socket, { exit: 0 });
    });
    assert.equal(await askBot(["status"], { env: s.env, out: captureOutput().out }), undefined);
    assert.deepEqual(kinds(bot.received[0]), ["hello"]);
    await bot.close();
  });

  it("a bot on another config dir declines (the real session's hello): undefined, nothing run", async () => {
    const s = sandbox();
    let ran = 0;
    const deps = {
      runtime: { env: { configDir: join(s.dataDir, "..", "other-config"), dataDir: s.dataDir } },
      commands: [],
      own: ownBuild(),
      log: silentLogger(),
    } as unknown as SessionDeps;
    const server = createServer((socket) => {
      socket.on("data", (d) => (ran += d.toString().includes('"run"') ? 1 : 0));
      void serveSession(socket, deps);
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(s.sock, r));
    const c = captureOutput();
    assert.equal(await askBot(["status"], { env: s.env, out: c.out }), undefined);
    assert.equal(ran, 0);
    assert.equal(c.stdout + c.stderr, "");
  });

  it("a bot that says nothing after the connect: undefined once the hello's wait is over", async () => {
    const s = sandbox();
    const bot = await fakeBot(s.sock, () => undefined);
    assert.equal(await askBot(["status"], { env: s.env, out: captureOutput().out }), undefined);
    assert.deepEqual(kinds(bot.received[0]), ["hello"]);
    await bot.close();
  });

  it("a bot that hangs up before the command was sent: undefined (nothing ran there)", async () => {
    const s = sandbox();
    const bot = await fakeBot(s.sock, (_msg, socket) => socket.destroy());
    assert.equal(await askBot(["status"], { env: s.env, out: captureOutput().out }), undefined);
    await bot.close();
  });

  it("a bot that answers `fallback` to the command (one it does not take): undefined", async () => {
    const s = sandbox();
    const bot = await sameBuildBot(s.sock, (_run, socket) => {
      send(socket, { fallback: "not mine" });
      socket.end();
    });
    const c = captureOutput();
    assert.equal(await askBot(["status"], { env: s.env, out: c.out }), undefined);
    assert.equal(c.stdout + c.stderr, "");
    await bot.close();
  });

  it("a bot of the same build (or a newer one) runs it: the command, the caller and its terminal go over; stdout, stderr and the exit code come back", async () => {
    for (const version of [ownBuild().version, "99.0.0"]) {
      const s = sandbox();
      const bot = await fakeBot(s.sock, (msg, socket) => {
        if ("hello" in msg) send(socket, hello(version, "2020-01-01T00:00:00.000Z"));
        else if ("run" in msg) {
          send(socket, { out: "node-1  UP\n" });
          send(socket, { err: "oyster: node-2 not answering\n" });
          send(socket, { exit: 1 });
          socket.end();
        }
      });
      const c = captureOutput();
      assert.equal(await askBot(["status", "--json"], { env: s.env, out: c.out }), 1);
      assert.equal(c.stdout, "node-1  UP\n");
      assert.equal(c.stderr, "oyster: node-2 not answering\n");
      const run = bot.received[0]![1] as { run: unknown };
      assert.deepEqual(run, { run: { argv: ["status", "--json"], user: userInfo().username, stdoutTty: false } });
      await bot.close();
    }
  });

  it("a bot that goes away after the command was sent: exit 1, saying it may have run (never run a second time here)", async () => {
    const s = sandbox();
    const bot = await sameBuildBot(s.sock, (_run, socket) => {
      send(socket, { out: "partial\n" });
      socket.destroy();
    });
    const c = captureOutput();
    assert.equal(await askBot(["restart", "daemon", "node-1", "--yes"], { env: s.env, out: c.out }), 1);
    assert.equal(c.stdout, "partial\n");
    assert.match(c.stderr, /the running bot closed the connection before answering .*see `oyster audit`/);
    await bot.close();
  });

  it("a bot that sends a line that is not JSON after the command: exit 1, as a bot gone away", async () => {
    const s = sandbox();
    const bot = await sameBuildBot(s.sock, (_run, socket) => socket.write("garbage\n"));
    const c = captureOutput();
    assert.equal(await askBot(["status"], { env: s.env, out: c.out }), 1);
    assert.match(c.stderr, /closed the connection before answering/);
    await bot.close();
  });

  it("a plan is shown on the caller's terminal and the caller's y goes back as confirmed", async () => {
    const s = sandbox();
    const plan = { summary: "restart agent-daemon (the daemon) on node-1", steps: ["on node-1: sudo -n systemctl restart 'agent-daemon' (now active)"] };
    const bot = await sameBuildBot(s.sock, (_run, socket) => send(socket, { plan, yes: false }), (msg, socket) => {
      if ("confirm" in msg) {
        send(socket, { out: `answered ${msg.confirm}\n` });
        send(socket, { exit: msg.confirm === "confirmed" ? 0 : 3 });
      }
    });
    const yes = terminal("y");
    const c = captureOutput();
    assert.equal(await askBot(["restart", "daemon", "node-1"], { env: s.env, out: c.out, io: yes }), 0);
    assert.equal(c.stdout, "answered confirmed\n");
    assert.match(yes.shown(), /^restart agent-daemon \(the daemon\) on node-1\n {2}- on node-1: sudo -n systemctl restart 'agent-daemon' \(now active\)\nProceed\? \[y\/N\] /);

    const no = terminal("n");
    const c2 = captureOutput();
    assert.equal(await askBot(["restart", "daemon", "node-1"], { env: s.env, out: c2.out, io: no }), 3);
    assert.equal(c2.stdout, "answered cancelled\n");

    const c3 = captureOutput();
    assert.equal(await askBot(["restart", "daemon", "node-1"], { env: s.env, out: c3.out, io: notTerminal() }), 3);
    assert.equal(c3.stdout, "answered refused\n", "no terminal: refused, as in-process");
    assert.deepEqual(bot.received.map((r) => r.filter((m) => "confirm" in m)), [[{ confirm: "confirmed" }], [{ confirm: "cancelled" }], [{ confirm: "refused" }]]);
    await bot.close();
  });

  it("Ctrl-C while the question is asked closes it at once (the terminal let go) and cancels in the bot", async () => {
    const s = sandbox();
    const bot = await sameBuildBot(s.sock, (_run, socket) => send(socket, { plan: { summary: "restart", steps: [] }, yes: false }), (msg, socket) => {
      if ("cancel" in msg) {
        send(socket, { err: "oyster: restart cancelled\n" });
        send(socket, { exit: 3 });
        socket.end();
      }
    });
    const input = new PassThrough() as PassThrough & { isTTY?: boolean };
    input.isTTY = true;
    const output = new PassThrough();
    let shown = "";
    output.on("data", (d) => (shown += d));
    const proc = new EventEmitter();
    const c = captureOutput();
    const asked = askBot(["restart", "daemon", "node-1"], { env: s.env, out: c.out, io: { input, output }, proc: proc as unknown as NodeJS.Process });
    await waitUntil(() => shown.includes("Proceed? [y/N] "), "the question");
    assert.ok(input.listenerCount("data") > 0, "the question reads the terminal");
    proc.emit("SIGINT");
    assert.equal(await asked, 3);
    assert.equal(c.stderr, "oyster: restart cancelled\n");
    assert.equal(input.listenerCount("data"), 0, "the question no longer holds the terminal");
    await waitUntil(() => kinds(bot.received[0]).includes("cancel"), "the cancel");
    await bot.close();
  });

  it("the bot going away while the question is asked: exit 1, and the question is closed", async () => {
    const s = sandbox();
    const bot = await sameBuildBot(s.sock, (_run, socket) => {
      send(socket, { plan: { summary: "restart", steps: [] }, yes: false });
      setImmediate(() => socket.destroy());
    });
    const input = new PassThrough() as PassThrough & { isTTY?: boolean };
    input.isTTY = true;
    const c = captureOutput();
    assert.equal(await askBot(["restart", "daemon", "node-1"], { env: s.env, out: c.out, io: { input, output: new PassThrough() } }), 1);
    assert.match(c.stderr, /closed the connection before answering/);
    await waitUntil(() => input.listenerCount("data") === 0, "the question to let go of the terminal");
    await bot.close();
  });

  it("Ctrl-C sends a cancel and exits with the bot's answer (3); the handler is gone afterwards", async () => {
    const s = sandbox();
    const bot = await sameBuildBot(s.sock, () => undefined, (msg, socket) => {
      if ("cancel" in msg) {
        send(socket, { err: "oyster: status cancelled\n" });
        send(socket, { exit: 3 });
        socket.end();
      }
    });
    const proc = new EventEmitter();
    const c = captureOutput();
    const asked = askBot(["status"], { env: s.env, out: c.out, proc: proc as unknown as NodeJS.Process });
    await waitUntil(() => kinds(bot.received[0]).includes("run"), "the command to reach the bot");
    assert.equal(proc.listenerCount("SIGINT"), 1);
    proc.emit("SIGINT");
    assert.equal(await asked, 3);
    assert.equal(c.stderr, "oyster: status cancelled\n");
    assert.deepEqual(kinds(bot.received[0]), ["hello", "run", "cancel"]);
    assert.equal(proc.listenerCount("SIGINT"), 0);
    await bot.close();
  });

  it("Ctrl-C to a bot that does not answer the cancel: exit 3 saying cancelled after a grace period; a second Ctrl-C ends it at once", async () => {
    const s = sandbox();
    const bot = await sameBuildBot(s.sock, () => undefined);
    const proc = new EventEmitter();
    const c = captureOutput();
    let asked = askBot(["status"], { env: s.env, out: c.out, proc: proc as unknown as NodeJS.Process });
    await waitUntil(() => kinds(bot.received[0]).includes("run"), "the command to reach the bot");
    const started = performance.now();
    proc.emit("SIGINT");
    assert.equal(await asked, 3);
    assert.ok(performance.now() - started >= CANCEL_GRACE_MS - 50, "the bot had its grace period to answer");
    assert.equal(c.stderr, "oyster: status cancelled\n");

    const c2 = captureOutput();
    asked = askBot(["status"], { env: s.env, out: c2.out, proc: proc as unknown as NodeJS.Process });
    await waitUntil(() => kinds(bot.received[1]).includes("run"), "the second command to reach the bot");
    proc.emit("SIGINT");
    proc.emit("SIGINT");
    assert.equal(await asked, 3);
    assert.equal(proc.listenerCount("SIGINT"), 0);
    await bot.close();
  });
});
