// A node that freezes while a command runs on its kept connection costs one command timeout, not
// that and then a connect timeout for whatever comes next: when a command times out, the pool asks
// the connection for one more channel, briefly; silence there means the node froze, and requests
// are told "not answering" at once. A command or an upload that is merely slow on a healthy node is
// not taken for a frozen one. Real sshd nodes (the rig), frozen by SIGSTOP.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import type { OysterError } from "../../../src/errors.ts";
import { createSshPool, uploadFileWithin, type SshPool } from "../../../src/ssh/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { rigConfig } from "../../helpers/rig-config.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const { log } = memoryLogger("silent");
const COMMAND_MS = 1500;

describe("SSH pool: a node frozen mid-command", () => {
  let rig: Rig;
  let pool: SshPool;
  let dials: string[];

  before(async () => (rig = await startRig(2)));
  after(async () => {
    await rig?.node("node-2").resume();
    await rig?.close();
  });
  beforeEach(async () => {
    await rig.node("node-2").resume();
    await pool?.close();
    dials = [];
    const config = rigConfig(rig, join(tmpDir(), "config"), { ssh: { connectTimeoutMs: 2000, commandTimeoutMs: COMMAND_MS } });
    pool = createSshPool(config, log, process.env, { onDial: (n) => dials.push(n) });
  });

  it("times the command out once, says the connection stopped answering, and the next request is refused at once", async () => {
    await pool.exec("node-2", "true");
    const running = pool.exec("node-2", "sleep 30");
    await new Promise((r) => setTimeout(r, 200));
    await rig.node("node-2").hang();
    const t0 = performance.now();
    await assert.rejects(running, (err: OysterError) => {
      assert.equal(err.code, "SshTimeout");
      assert.match(err.message, /^node-2: command did not finish within 1500 ms, and the connection stopped answering \(the node froze under it\)$/);
      assert.equal(err.details.stalled, true);
      return true;
    });
    const timedOut = performance.now() - t0;
    assert.ok(timedOut < COMMAND_MS + 1000, `the timeout and the liveness check took ${Math.round(timedOut)} ms`);
    assert.equal(pool.isOpen("node-2"), false);
    const t1 = performance.now();
    await assert.rejects(pool.exec("node-2", "true"), (err: OysterError) => err.code === "SshTimeout" && /^node-2: not answering since /.test(err.message));
    assert.ok(performance.now() - t1 < 200, "refused without a dial's wait");
    assert.deepEqual(dials, ["node-2"], "nothing dialled the frozen node again");
  });

  it("an upload that runs out of time on a healthy node is a timeout, not a frozen node: the next request dials and runs", async () => {
    const file = join(tmpDir(), "big.bin");
    writeFileSync(file, Buffer.alloc(32 * 1024 * 1024, 35));
    await assert.rejects(uploadFileWithin(pool, "node-1", file, rig.node("node-1").dispatchDir, "big.bin", 20), (err: OysterError) => {
      assert.equal(err.code, "SshTimeout");
      assert.equal(err.message, "node-1: upload of big.bin did not finish within 20 ms");
      assert.equal(err.details.stalled, undefined);
      return true;
    });
    assert.equal((await pool.exec("node-1", "echo back")).stdout, "back\n");
  });

  it("a command that is only slow on a healthy node times out, and the next request dials and runs", async () => {
    await assert.rejects(pool.exec("node-1", "sleep 30"), (err: OysterError) => err.code === "SshTimeout" && err.details.stalled === undefined && /^node-1: command did not finish within 1500 ms$/.test(err.message));
    assert.equal((await pool.exec("node-1", "echo back")).stdout, "back\n");
    assert.deepEqual(dials, ["node-1", "node-1"], "dialled again at once: not taken for a frozen node");
  });
});
