// Real OpenSSH sshd processes on loopback (the rig), real ssh2 client: no mocks.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import type { OysterError } from "../../../src/errors.ts";
import { createSshPool, type SshPool } from "../../../src/ssh/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { rigConfig } from "../../helpers/rig-config.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

const { log } = memoryLogger("silent");

describe("SSH pool against real sshd nodes", () => {
  let rig: Rig;
  let pool: SshPool;

  before(async () => (rig = await startRig(4)));
  after(async () => rig?.close());
  // Each test gets every node up and answering, and a pool with no kept connections, whatever
  // the test before it stopped or hung: any one test can run alone.
  beforeEach(async () => {
    for (const node of rig.nodes) {
      await node.resume();
      await node.start();
    }
    pool = createSshPool(rigConfig(rig, join(tmpDir(), "config"), { ssh: { connectTimeoutMs: 1500, commandTimeoutMs: 3000 } }), log);
  });
  afterEach(async () => pool?.close());

  it("runs a command on every node and returns exit code, stdout and stderr", async () => {
    const results = await pool.forEach(pool.nodeNames, (t) => pool.exec(t.name, "echo out; echo err >&2; whoami; exit 3"));
    for (const r of results) {
      assert.ok(r.ok, r.ok ? "" : r.error.message);
      assert.equal(r.value.code, 3);
      assert.equal(r.value.stdout, `out\n${rig.user}\n`);
      assert.equal(r.value.stderr, "err\n");
    }
  });

  it("keeps the connection open between commands (same sshd session process)", async () => {
    const sessionPid = "ps -o ppid= -p $$";
    const first = await pool.exec("node-1", sessionPid);
    const second = await pool.exec("node-1", sessionPid);
    assert.ok(pool.isOpen("node-1"));
    assert.equal(first.stdout.trim(), second.stdout.trim());
  });

  it("caps captured output and says it was cut", async () => {
    const r = await pool.exec("node-1", "head -c 5000 /dev/zero", { maxOutputBytes: 1000 });
    assert.equal(r.stdout.length, 1000);
    assert.equal(r.truncated, true);
  });

  it("times a hung command out and drops the connection", async () => {
    await assert.rejects(pool.exec("node-2", "sleep 5", { timeoutMs: 300 }), (err: OysterError) => {
      assert.equal(err.code, "SshTimeout");
      assert.equal(err.details.phase, "command");
      return true;
    });
    assert.equal(pool.isOpen("node-2"), false);
    assert.equal((await pool.exec("node-2", "echo back")).stdout, "back\n");
  });

  it("rejects an unknown node name before any connection", async () => {
    await assert.rejects(pool.exec("ghost", "true"), { code: "UnknownNode" });
    assert.throws(() => pool.target("node-1; reboot"), { code: "UnknownNode" });
  });

  it("reports a stopped node as unreachable and a hung one as a connect timeout while the others answer", async () => {
    await rig.node("node-3").stop();
    await rig.node("node-4").hang();
    const results = await pool.forEach(pool.nodeNames, (t) => pool.exec(t.name, "echo ok"));
    const byNode = Object.fromEntries(results.map((r) => [r.node, r.ok ? "ok" : r.error.code]));
    assert.deepEqual(byNode, { "node-1": "ok", "node-2": "ok", "node-3": "SshUnreachable", "node-4": "SshTimeout" });
    // The hung node is given up on at the connect timeout, not left to stall the run.
    const hung = results.find((r) => r.node === "node-4")!;
    assert.equal(hung.ok ? undefined : hung.error.details.phase, "connect");
  });

  it("notices a kept connection whose node was stopped and re-dials when it returns", async () => {
    await pool.exec("node-3", "true");
    assert.ok(pool.isOpen("node-3"));
    await rig.node("node-3").stop();
    await assert.rejects(pool.exec("node-3", "true"), { code: "SshUnreachable" });
    assert.equal(pool.isOpen("node-3"), false);
    await rig.node("node-3").start();
    assert.equal((await pool.exec("node-3", "echo again")).stdout, "again\n");
    assert.ok(pool.isOpen("node-3"));
  });
});

describe("SSH pool connection upkeep", () => {
  let rig: Rig;
  before(async () => (rig = await startRig(2)));
  after(async () => rig?.close());
  beforeEach(async () => {
    for (const node of rig.nodes) await node.resume();
  });

  it("closes connections left idle longer than the idle limit", async () => {
    const idle = createSshPool(rigConfig(rig, join(tmpDir(), "config")), log, process.env, { idleMs: 150 });
    try {
      await idle.exec("node-1", "true");
      assert.ok(idle.isOpen("node-1"));
      await waitUntil(() => !idle.isOpen("node-1"), "the idle connection to close");
    } finally {
      await idle.close();
    }
  });

  it("never closes a connection under a command that runs longer than the idle limit", async () => {
    const idle = createSshPool(rigConfig(rig, join(tmpDir(), "config")), log, process.env, { idleMs: 150 });
    try {
      const r = await idle.exec("node-1", "sleep 1; echo done", { timeoutMs: 10_000 });
      assert.equal(r.stdout, "done\n");
      assert.ok(idle.isOpen("node-1"), "kept after the command, until it has been idle");
      await waitUntil(() => !idle.isOpen("node-1"), "the idle connection to close");
    } finally {
      await idle.close();
    }
  });

  it("notices a kept connection to a node that hung, by its keepalives", async () => {
    const pool = createSshPool(rigConfig(rig, join(tmpDir(), "config"), { ssh: { keepaliveMs: 100 } }), log);
    try {
      await pool.exec("node-2", "true");
      await rig.node("node-2").hang();
      await waitUntil(() => !pool.isOpen("node-2"), "the keepalive to drop the connection");
    } finally {
      await rig.node("node-2").resume();
      await pool.close();
    }
  });
});
