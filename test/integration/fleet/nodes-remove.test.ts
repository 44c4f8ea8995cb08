// `oyster nodes remove` against real sshd nodes: the entry leaves nodes.json (atomic, with a
// .bak, under the nodes-file lock), the node and its history are left alone, its kept
// connection is closed.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { CommandContext } from "../../../src/command/types.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { removeNode } from "../../../src/fleet/remove-node.ts";
import { createSshPool } from "../../../src/ssh/index.ts";
import { openStore } from "../../../src/store/index.ts";
import { inProcessCli, terminal } from "../../helpers/in-process-cli.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { exitOf, spawnTsx, waitForOutput } from "../../helpers/spawn-tsx.ts";
import { controller } from "./fleet-controller.ts";

describe("oyster nodes remove", () => {
  let rig: Rig;
  before(async () => (rig = await startRig(3)));
  after(async () => rig?.close());

  it("shows what stays before asking, and a no changes nothing", async () => {
    const c = controller(rig, ["node-1", "node-2", "node-3"]);
    const oyster = inProcessCli(c.fleet.env);
    assert.equal((await oyster(["check", "--json"])).code, 0, "dispatch.db made, every node online");
    const before = c.snapshot();
    const tty = terminal("n");
    const r = await oyster(["nodes", "remove", "node-2"], tty);
    assert.equal(r.code, 3);
    assert.match(tty.shown(), /remove node-2 \(.*@127\.0\.0\.1:\d+\) from the fleet/);
    assert.match(tty.shown(), /the node itself is not touched/);
    assert.match(tty.shown(), /dispatch\.db still has it online and is not changed: drain it first \(`oyster nodes drain node-2`\)/);
    assert.equal(c.snapshot(), before);
  });

  it("drops the entry with a .bak, leaves the node and its history alone, audited; an unknown name is exit 2", async () => {
    const c = controller(rig, ["node-1", "node-2", "node-3"]);
    const oyster = inProcessCli(c.fleet.env);
    await rig.node("node-2").stop();
    try {
      for (let run = 0; run < 2; run++) await oyster(["check", "--json"]);
    } finally {
      await rig.node("node-2").start();
    }
    const alertsBefore = (await oyster(["alerts", "--json"])).doc.alerts;
    assert.equal(alertsBefore.length, 1, "an alert for node-2 on record");

    const r = await oyster(["nodes", "remove", "node-2", "--yes", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(c.names(), ["node-1", "node-3"]);
    assert.deepEqual(JSON.parse(readFileSync(`${c.nodesFile}.bak`, "utf8")).nodes.map((n: { name: string }) => n.name), ["node-1", "node-2", "node-3"]);
    assert.deepEqual(r.doc.removed, { name: "node-2", dispatchDir: rig.node("node-2").dispatchDir });
    assert.ok(existsSync(join(rig.node("node-2").dispatchDir, "task-wrapper.sh")), "the node's files stay");
    assert.deepEqual((await oyster(["alerts", "--json"])).doc.alerts.map((a: { id: string }) => a.id), alertsBefore.map((a: { id: string }) => a.id), "its alerts stay");
    const entries = (await oyster(["audit", "--json"])).doc.entries as Array<{ who: string; command: string; args: Record<string, unknown>; decision: string; outcome: string }>;
    const row = entries.find((e) => e.command === "nodes")!;
    assert.deepEqual([row.who, row.args, row.decision, row.outcome], [`cli:${userInfo().username}`, { action: "remove", name: "node-2" }, "confirmed", "ok"]);

    const unknown = await oyster(["nodes", "remove", "node-2", "--yes", "--json"]);
    assert.deepEqual([unknown.code, unknown.doc.error.code], [2, "UnknownNode"]);
  });

  it("closes the node's kept connection", async () => {
    const c = controller(rig, ["node-1", "node-2"]);
    const config = loadConfig({ dir: c.fleet.configDir, env: c.fleet.env }).config;
    const { log } = memoryLogger("silent");
    const store = openStore(c.fleet.dataDir);
    const ssh = createSshPool(config, log, c.fleet.env);
    try {
      await ssh.exec("node-2", "true");
      assert.equal(ssh.isOpen("node-2"), true);
      const ctx = { config, store, ssh, log, env: c.fleet.env, dataDir: c.fleet.dataDir, now: () => new Date(), caller: { who: "cli:test", via: "cli", role: "admin" }, commands: [] } as unknown as CommandContext;
      await removeNode(ctx, "node-2");
      assert.equal(ssh.isOpen("node-2"), false);
      assert.deepEqual(ssh.nodeNames, ["node-1"]);
    } finally {
      await ssh.close();
      store.close();
    }
  });

  it("waits for another process holding the nodes-file lock, then says busy (exit 1) and writes nothing", async () => {
    const c = controller(rig, ["node-1", "node-2"]);
    const child = spawnTsx("test/helpers/fixtures/hold-lock.ts", [c.fleet.dataDir, "nodes-file", "forever"]);
    try {
      await waitForOutput(child, "held");
      const before = c.snapshot();
      const r = await runOyster(["nodes", "remove", "node-2", "--yes"], c.fleet.env);
      assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
      assert.match(r.stderr, /busy: nodes-file is held by fixture \(pid \d+ .*; waited 5 s; nodes\.json left unchanged/);
      assert.ok(r.ms >= 4_500, `waited before saying busy (${Math.round(r.ms)} ms)`);
      assert.equal(c.snapshot(), before);
    } finally {
      child.kill("SIGKILL");
      await exitOf(child);
    }
  });
});
