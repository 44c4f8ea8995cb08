import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, it } from "node:test";
import { z } from "zod";
import { commands as registry } from "../../../commands/index.ts";
import { runCli } from "../../../src/cli.ts";
import { defineCommand, type AnyCommand } from "../../../src/command/types.ts";
import { openStore } from "../../../src/store/index.ts";
import { captureOutput as capture } from "../../helpers/capture-output.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";


function sandbox() {
  const dir = tmpDir();
  const env = { HOME: dir, OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data"), PATH: process.env.PATH };
  mkdirSync(env.OYSTER_CONFIG_DIR);
  return { dir, env };
}

/** A state-changing command that writes a marker file, to exercise the confirm/audit pipeline. */
function touchCommand(marker: string): AnyCommand {
  return defineCommand({
    name: "touch",
    summary: "test: changes state",
    usage: "touch <word>",
    schema: z.object({ _: z.tuple([z.string()]) }).transform((a) => ({ word: a._[0] })),
    role: "operator",
    changesState: true,
    plan: async (_ctx, args) => ({ summary: `write ${args.word}`, steps: [`write ${marker}`] }),
    run: async (_ctx, args) => { writeFileSync(marker, args.word); return { ok: true, data: { wrote: args.word } }; },
    text: (d: { wrote: string }) => `wrote ${d.wrote}`,
  });
}

function tty(answer: string) {
  const input = new PassThrough() as PassThrough & { isTTY?: boolean };
  input.isTTY = true;
  setTimeout(() => input.write(`${answer}\n`), 10);
  return { input, output: new PassThrough() };
}

describe("oyster CLI", () => {
  it("prints exactly one JSON document on stdout with --json", async () => {
    const { env } = sandbox();
    const c = capture();
    assert.equal(await runCli(["status", "--json"], { env, out: c.out }), 0);
    const doc = JSON.parse(c.stdout) as { nodes: unknown[]; dispatch: { configured: boolean } };
    assert.deepEqual(doc.nodes, []);
    assert.equal(doc.dispatch.configured, false);
  });

  it("rejects an unknown node before connecting, with a JSON error and exit 2", async () => {
    const { env } = sandbox();
    const c = capture();
    assert.equal(await runCli(["status", "nope", "--json"], { env, out: c.out }), 2);
    assert.deepEqual(JSON.parse(c.stdout), { ok: false, error: { code: "UnknownNode", message: 'unknown node "nope" (known: none configured)' } });
  });

  it("rejects a malformed node name with exit 2 naming the word", async () => {
    const { env } = sandbox();
    const c = capture();
    assert.equal(await runCli(["status", "x;reboot"], { env, out: c.out }), 2);
    assert.match(c.stderr, /"x;reboot": not a valid node name/);
  });

  it("lists every config problem on stderr with exit 2 and no stack trace", async () => {
    const { env } = sandbox();
    writeFileSync(join(env.OYSTER_CONFIG_DIR, "nodes.json"), "{ nope");
    writeFileSync(join(env.OYSTER_CONFIG_DIR, "oyster.json"), JSON.stringify({ ssh: { connectTimeoutMs: "fast" } }));
    const c = capture();
    assert.equal(await runCli(["status", "--json"], { env, out: c.out }), 2);
    assert.match(c.stderr, /^nodes\.json: .*invalid JSON/m);
    assert.match(c.stderr, /^oyster\.json: ssh\.connectTimeoutMs: /m);
    assert.doesNotMatch(c.stderr, /\n\s+at /);
    assert.equal((JSON.parse(c.stdout) as { error: { code: string } }).error.code, "ConfigError");
  });

  it("help lists every command in the registry, and the manifest's usage hint agrees on those Slack runs", async () => {
    const { env } = sandbox();
    const c = capture();
    assert.equal(await runCli(["help", "--json"], { env, out: c.out }), 0);
    const names = (JSON.parse(c.stdout) as { commands: Array<{ name: string }> }).commands.map((x) => x.name);
    assert.deepEqual(names, registry.map((x) => x.name));
    const hint = /usage_hint: "([^"]*)"/.exec(readFileSync(new URL("../../../manifest.yml", import.meta.url), "utf8"))?.[1];
    assert.deepEqual(hint?.split(" | "), registry.filter((x) => x.slack !== false).map((x) => x.name));
  });

  it("refuses a state-changing command without a terminal and without --yes (exit 3, audited)", async () => {
    const { dir, env } = sandbox();
    const marker = join(dir, "marker");
    const c = capture();
    const input = new PassThrough();
    assert.equal(await runCli(["touch", "a"], { env, out: c.out, commands: [touchCommand(marker)], io: { input, output: new PassThrough() } }), 3);
    assert.match(c.stderr, /confirm on a terminal or pass --yes/);
    const store = openStore(env.OYSTER_DATA_DIR);
    assert.deepEqual(store.audit.since(new Date(0)).map((r) => [r.command, r.decision, r.outcome]), [["touch", "refused", "refused"]]);
    store.close();
  });

  it("runs a state-changing command with --yes and audits who, what and the outcome", async () => {
    const { dir, env } = sandbox();
    const marker = join(dir, "marker");
    const c = capture();
    assert.equal(await runCli(["touch", "b", "--yes"], { env, out: c.out, commands: [touchCommand(marker)] }), 0);
    assert.equal(readFileSync(marker, "utf8"), "b");
    const store = openStore(env.OYSTER_DATA_DIR);
    const [row] = store.audit.since(new Date(0));
    assert.match(row!.who, /^cli:/);
    assert.deepEqual([row!.command, row!.args, row!.decision, row!.outcome], ["touch", { word: "b" }, "confirmed", "ok"]);
    assert.equal(typeof row!.durationMs, "number");
    store.close();
  });

  it("shows the plan on a terminal and runs only on y", async () => {
    const { dir, env } = sandbox();
    const marker = join(dir, "marker");
    const no = tty("n");
    assert.equal(await runCli(["touch", "c"], { env, out: capture().out, commands: [touchCommand(marker)], io: no }), 3);
    assert.throws(() => readFileSync(marker));
    const yes = tty("y");
    let shown = "";
    yes.output.on("data", (d) => (shown += String(d)));
    assert.equal(await runCli(["touch", "d"], { env, out: capture().out, commands: [touchCommand(marker)], io: yes }), 0);
    assert.match(shown, /write d\n  - write /);
    assert.equal(readFileSync(marker, "utf8"), "d");
  });

  it("runs a confirmed plan with the words it pins, and audits them; --yes builds no plan and pins nothing", async () => {
    const { dir, env } = sandbox();
    const marker = join(dir, "marker");
    // What the plan saw (a host key's fingerprint, say) is pinned: the run gets it as an argument.
    const pinning = defineCommand({
      name: "pin",
      summary: "test: pins what its plan saw",
      usage: "pin [--seen X]",
      options: { seen: { type: "string", description: "what the plan saw" } },
      schema: z.object({ _: z.array(z.string()).max(0), seen: z.string().optional() }).transform((a) => ({ seen: a.seen })),
      role: "operator",
      changesState: true,
      plan: async () => ({ summary: "pin it", steps: ["saw v1"], pin: ["--seen", "v1"] }),
      run: async (_ctx, a) => { writeFileSync(marker, a.seen ?? "(nothing)"); return { ok: true, data: {} }; },
      text: () => "done",
    });
    assert.equal(await runCli(["pin"], { env, out: capture().out, commands: [pinning], io: tty("y") }), 0);
    assert.equal(readFileSync(marker, "utf8"), "v1");
    assert.equal(await runCli(["pin", "--yes"], { env, out: capture().out, commands: [pinning] }), 0);
    assert.equal(readFileSync(marker, "utf8"), "(nothing)");
    const store = openStore(env.OYSTER_DATA_DIR);
    assert.deepEqual(store.audit.since(new Date(0)).map((r) => [r.args, r.decision]), [[{ seen: "v1" }, "confirmed"], [{}, "confirmed"]]);
    store.close();
  });

  it("builds the plan only when someone will see it, and audits a plan that fails", async () => {
    const { env } = sandbox();
    let plans = 0;
    const cmd = defineCommand({
      name: "probe", summary: "test", usage: "probe <word>",
      schema: z.object({ _: z.tuple([z.string()]) }).transform((a) => ({ word: a._[0] })),
      role: "operator", changesState: true,
      plan: async (_ctx, a) => { plans++; if (a.word === "bad") throw new Error("cannot plan"); return { summary: "probe", steps: [] }; },
      run: async () => ({ ok: true, data: {} }),
      text: () => "",
    });
    assert.equal(await runCli(["probe", "x", "--yes"], { env, out: capture().out, commands: [cmd] }), 0);
    assert.equal(plans, 0, "--yes needs no plan");
    assert.equal(await runCli(["probe", "bad"], { env, out: capture().out, commands: [cmd], io: tty("y") }), 1);
    const store = openStore(env.OYSTER_DATA_DIR);
    assert.deepEqual(store.audit.since(new Date(0)).map((r) => [r.args, r.decision, r.outcome, r.error]), [
      [{ word: "x" }, "confirmed", "ok", null],
      [{ word: "bad" }, "refused", "failed", "Internal: cannot plan"],
    ]);
    store.close();
  });

  it("accepts and ignores --yes on a command that needs no confirmation", async () => {
    const { env } = sandbox();
    assert.equal(await runCli(["audit", "--yes", "--since", "1h"], { env, out: capture().out }), 0);
  });
});
