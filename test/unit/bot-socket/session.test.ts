// One CLI connection as the bot serves it, over a real unix socket, with a real runtime (empty
// config, state.db in a temp dir) and stand-in commands: the hello, the command through the
// CLI's own pipeline, the plan relayed, a cancel, a caller gone, and what is turned away.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { z } from "zod";
import { PROTOCOL, readMessages, socketPath, type BotMessage, type ClientMessage } from "../../../src/bot-socket/protocol.ts";
import { serveSession } from "../../../src/bot-socket/session.ts";
import { ownBuild } from "../../../src/bot-socket/version.ts";
import { defineCommand, type AnyCommand, type CommandContext } from "../../../src/command/types.ts";
import { silentLogger } from "../../../src/log.ts";
import { openRuntime, type Runtime } from "../../../src/runtime.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

/** What the stand-in commands saw, for the test to read. */
const seen: { ran: string[]; ctx?: CommandContext; release?: () => void } = { ran: [] };

/** `status`: prints a line, then waits until released or its signal aborts (a slow fan-out). */
const status = defineCommand({
  name: "status",
  summary: "stand-in",
  usage: "status [--slow]",
  options: { slow: { type: "boolean", description: "wait" } },
  schema: z.object({ _: z.array(z.string()), slow: z.boolean().optional() }).transform((a) => ({ slow: a.slow === true })),
  role: "viewer",
  changesState: false,
  async run(ctx, args) {
    seen.ran.push("status");
    seen.ctx = ctx;
    ctx.stdout?.write("checking...\n");
    if (args.slow) await new Promise<void>((r) => (seen.release = r));
    return { ok: true, data: { aborted: ctx.signal?.aborted ?? null } };
  },
  text: (d: { aborted: boolean | null }) => `done (aborted: ${d.aborted})`,
});

/** `restart daemon <node>`: a state-changing command with a plan. */
const restart = defineCommand({
  name: "restart",
  summary: "stand-in",
  usage: "restart daemon <node>",
  schema: z.object({ _: z.tuple([z.literal("daemon"), z.string()]) }).transform((a) => ({ node: a._[1] })),
  role: "operator",
  changesState: true,
  plan: async (_ctx, args) => ({ summary: `restart the daemon on ${args.node}`, steps: [`on ${args.node}: systemctl restart`] }),
  async run(_ctx, args) {
    seen.ran.push(`restart ${args.node}`);
    return { ok: true, data: { node: args.node } };
  },
  text: (d: { node: string }) => `restarted ${d.node}`,
});

/** `help`: one the bot does not take. */
const help = defineCommand({ name: "help", summary: "stand-in", usage: "help", schema: z.object({ _: z.array(z.string()) }), role: "viewer", changesState: false, async run() { seen.ran.push("help"); return { ok: true, data: {} }; }, text: () => "help" });

const commands: AnyCommand[] = [status, restart, help];

interface Conversation {
  messages: BotMessage[];
  closed: Promise<void>;
  socket: Socket;
  say(msg: ClientMessage | Record<string, unknown>): void;
}

describe("serveSession", () => {
  let runtime: Runtime;
  let server: Server;
  let path: string;
  const sessions: Promise<void>[] = [];
  const controllers: AbortController[] = [];

  before(async () => {
    const dir = tmpDir("oyster-session-");
    mkdirSync(join(dir, "config"));
    runtime = openRuntime({ processEnv: { OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data"), LOG_LEVEL: "silent" } });
    path = socketPath(runtime.env.dataDir);
    server = createServer((socket) => {
      const controller = new AbortController();
      controllers.push(controller);
      sessions.push(serveSession(socket, { runtime, commands, own: { version: "1.2.3", build: "2025-01-01T00:00:00.000Z" }, log: silentLogger() }, controller));
    });
    await new Promise<void>((r) => server.listen(path, r));
  });
  after(async () => {
    seen.release?.();
    await new Promise((r) => server.close(r));
    await runtime.close();
  });

  async function talk(): Promise<Conversation> {
    const socket = connect(path);
    await new Promise((r) => socket.once("connect", r));
    const messages: BotMessage[] = [];
    readMessages<BotMessage>(socket, (m) => messages.push(m), () => socket.destroy());
    socket.on("error", () => undefined);
    const closed = new Promise<void>((r) => socket.once("close", () => r()));
    return { messages, closed, socket, say: (m) => void socket.write(`${JSON.stringify(m)}\n`) };
  }
  const hello = (configDir = runtime.env.configDir) => ({ hello: { v: PROTOCOL, ...ownBuild(), configDir } });
  const run = (argv: string[], user = "tester") => ({ run: { argv, user, stdoutTty: false } });
  const session = () => sessions.at(-1)!;

  it("answers the hello with its build, runs the command through the CLI's pipeline, streams its output and ends with the exit code", async () => {
    seen.ran = [];
    const c = await talk();
    c.say(hello());
    c.say(run(["status"]));
    await c.closed;
    assert.deepEqual(c.messages, [
      { hello: { v: PROTOCOL, version: "1.2.3", build: "2025-01-01T00:00:00.000Z" } },
      { out: "checking...\n" },
      { out: "done (aborted: false)\n" },
      { exit: 0 },
    ]);
    assert.deepEqual(seen.ran, ["status"]);
    assert.equal(seen.ctx!.caller.who, "cli:tester");
    assert.equal(seen.ctx!.caller.via, "cli");
    await session();
  });

  it("--json: one JSON document on stdout, and nothing written to the command's stdout", async () => {
    seen.ran = [];
    const c = await talk();
    c.say(hello());
    c.say(run(["status", "--json"]));
    await c.closed;
    assert.deepEqual(c.messages.slice(1), [{ out: `${JSON.stringify({ aborted: false }, null, 2)}\n` }, { exit: 0 }]);
  });

  it("an error is rendered as the CLI renders it, with its exit code", async () => {
    const c = await talk();
    c.say(hello());
    c.say(run(["status", "--nope"]));
    await c.closed;
    const last = c.messages.at(-1)!;
    assert.deepEqual(last, { exit: 2 });
    assert.ok(c.messages.some((m) => "err" in m && /^oyster: /.test(m.err)), JSON.stringify(c.messages));
  });

  it("a hello from another config dir is declined (fallback), and nothing runs", async () => {
    seen.ran = [];
    const c = await talk();
    c.say(hello("/somewhere/else"));
    c.say(run(["status"]));
    await c.closed;
    assert.equal(c.messages.length, 1);
    assert.match((c.messages[0] as { fallback: string }).fallback, /this bot runs on /);
    assert.deepEqual(seen.ran, []);
  });

  it("a command it does not take is answered fallback, and nothing runs", async () => {
    seen.ran = [];
    for (const argv of [["help"], ["restart", "guardian"]]) {
      const c = await talk();
      c.say(hello());
      c.say(run(argv));
      await c.closed;
      assert.ok("fallback" in c.messages.at(-1)!, `${argv.join(" ")}: ${JSON.stringify(c.messages)}`);
    }
    assert.deepEqual(seen.ran, []);
  });

  it("a command before the hello, a second command, or a malformed one closes the connection with nothing run", async () => {
    seen.ran = [];
    for (const lines of [
      [run(["status"])],
      [hello(), { run: { argv: ["status"], user: "two words", stdoutTty: false } }],
      [hello(), { run: { argv: ["status"], user: "cli:evil", stdoutTty: false } }],
      [hello(), { run: { argv: ["status", 1], user: "tester", stdoutTty: false } }],
      [hello(), { run: null }],
      [{ hello: null }],
    ]) {
      const c = await talk();
      for (const l of lines) c.say(l);
      await c.closed;
      assert.deepEqual(c.messages.filter((m) => !("hello" in m)), [], JSON.stringify(lines));
    }
    assert.deepEqual(seen.ran, []);
  });

  it("a cancel mid-command answers \"cancelled\" (exit 3) at once, aborts the command's signal, and the session settles once the command has", async () => {
    seen.ran = [];
    seen.release = undefined;
    const c = await talk();
    c.say(hello());
    c.say(run(["status", "--slow"]));
    await waitUntil(() => seen.release, "the command to be running");
    c.say({ cancel: true });
    await c.closed;
    assert.deepEqual(c.messages.slice(1), [{ out: "checking...\n" }, { err: "oyster: status cancelled\n" }, { exit: 3 }]);
    assert.equal(seen.ctx!.signal!.aborted, true);
    let settled = false;
    void session().then(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(settled, false, "the command's work is still going");
    seen.release!();
    await session();
  });

  it("the caller going away mid-command (its CLI killed) aborts the command's signal", async () => {
    seen.release = undefined;
    const c = await talk();
    c.say(hello());
    c.say(run(["status", "--slow"]));
    await waitUntil(() => seen.release, "the command to be running");
    c.socket.destroy();
    await waitUntil(() => seen.ctx!.signal!.aborted, "the command's signal to abort");
    seen.release!();
    await session();
  });

  it("the bot stopping cancels a command in flight: its caller hears \"cancelled\" (exit 3)", async () => {
    seen.release = undefined;
    const c = await talk();
    c.say(hello());
    c.say(run(["status", "--slow"]));
    await waitUntil(() => seen.release, "the command to be running");
    controllers.at(-1)!.abort();
    await c.closed;
    assert.deepEqual(c.messages.at(-1), { exit: 3 });
    seen.release!();
    await session();
  });

  it("a plan goes to the caller; its confirmed runs the command, audited as cli:<user>; an unknown answer runs nothing", async () => {
    seen.ran = [];
    const yes = await talk();
    yes.say(hello());
    yes.say(run(["restart", "daemon", "node-1"], "alice"));
    await waitUntil(() => yes.messages.some((m) => "plan" in m), "the plan");
    assert.deepEqual(yes.messages[1], { plan: { summary: "restart the daemon on node-1", steps: ["on node-1: systemctl restart"] }, yes: false });
    assert.deepEqual(seen.ran, [], "nothing runs before the answer");
    yes.say({ confirm: "confirmed" });
    await yes.closed;
    assert.deepEqual(yes.messages.slice(2), [{ out: "restarted node-1\n" }, { exit: 0 }]);
    assert.deepEqual(seen.ran, ["restart node-1"]);

    const odd = await talk();
    odd.say(hello());
    odd.say(run(["restart", "daemon", "node-2"], "alice"));
    await waitUntil(() => odd.messages.some((m) => "plan" in m), "the plan");
    odd.say({ confirm: "yes please" });
    await odd.closed;
    assert.deepEqual(odd.messages.slice(2), [{ err: "oyster: restart cancelled\n" }, { exit: 3 }]);

    const scripted = await talk();
    scripted.say(hello());
    scripted.say(run(["restart", "daemon", "node-3", "--yes"], "alice"));
    await scripted.closed;
    assert.ok(!scripted.messages.some((m) => "plan" in m), "--yes: nothing asked");
    assert.deepEqual(scripted.messages.at(-1), { exit: 0 });
    assert.deepEqual(seen.ran, ["restart node-1", "restart node-3"]);

    const rows = runtime.store.audit.since(new Date(0)).filter((r) => r.command === "restart");
    assert.deepEqual(rows.map((r) => [r.who, r.via, r.args, r.decision, r.outcome]), [
      ["cli:alice", "cli", { node: "node-1" }, "confirmed", "ok"],
      ["cli:alice", "cli", { node: "node-2" }, "cancelled", "cancelled"],
      ["cli:alice", "cli", { node: "node-3" }, "confirmed", "ok"],
    ]);
  });

  it("a caller who goes away while asked cancels: nothing runs, and the session settles", async () => {
    seen.ran = [];
    const c = await talk();
    c.say(hello());
    c.say(run(["restart", "daemon", "node-4"], "alice"));
    await waitUntil(() => c.messages.some((m) => "plan" in m), "the plan");
    c.socket.destroy();
    await session();
    assert.deepEqual(seen.ran, []);
    const last = runtime.store.audit.since(new Date(0)).at(-1)!;
    assert.deepEqual([last.args, last.decision], [{ node: "node-4" }, "cancelled"]);
  });
});
