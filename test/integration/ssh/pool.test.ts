// Real OpenSSH sshd processes on loopback (the rig), real ssh2 client: no mocks.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { OysterError } from "../../../src/errors.ts";
import { createSshPool, type SshPool } from "../../../src/ssh/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { rigConfig } from "../../helpers/rig-config.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const { log } = memoryLogger("silent");

describe("SSH pool against real sshd nodes", () => {
  let rig: Rig;
  let pool: SshPool;

  before(async () => {
    rig = await startRig(4);
    pool = createSshPool(rigConfig(rig, join(tmpDir(), "config"), { ssh: { connectTimeoutMs: 1500, commandTimeoutMs: 3000 } }), log);
  });
  after(async () => {
    await pool?.close();
    await rig?.close();
  });

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

  it("reports a stopped and a hung node while the others answer in time", async () => {
    pool.drop("node-3");
    pool.drop("node-4");
    await rig.node("node-3").stop();
    await rig.node("node-4").hang();
    try {
      const started = performance.now();
      const results = await pool.forEach(pool.nodeNames, (t) => pool.exec(t.name, "echo ok"));
      const elapsed = performance.now() - started;
      const byNode = Object.fromEntries(results.map((r) => [r.node, r.ok ? "ok" : r.error.code]));
      assert.deepEqual(byNode, { "node-1": "ok", "node-2": "ok", "node-3": "SshUnreachable", "node-4": "SshTimeout" });
      // The hung node costs one connect timeout (1500 ms), not a stalled run.
      assert.ok(elapsed < 1500 + 1500, `took ${elapsed} ms`);
    } finally {
      await rig.node("node-4").resume();
      await rig.node("node-3").start();
    }
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

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it("closes connections left idle longer than the idle limit", async () => {
    const idle = createSshPool(rigConfig(rig, join(tmpDir(), "config")), log, process.env, { idleMs: 150 });
    try {
      await idle.exec("node-1", "true");
      assert.ok(idle.isOpen("node-1"));
      await sleep(500);
      assert.equal(idle.isOpen("node-1"), false);
    } finally {
      await idle.close();
    }
  });

  it("notices a kept connection to a node that hung, by its keepalives", async () => {
    const pool = createSshPool(rigConfig(rig, join(tmpDir(), "config"), { ssh: { keepaliveMs: 100 } }), log);
    try {
      await pool.exec("node-2", "true");
      await rig.node("node-2").hang();
      const deadline = Date.now() + 3000;
      while (pool.isOpen("node-2") && Date.now() < deadline) await sleep(50);
      assert.equal(pool.isOpen("node-2"), false, "keepalive should have dropped the connection");
    } finally {
      await rig.node("node-2").resume();
      await pool.close();
    }
  });
});
