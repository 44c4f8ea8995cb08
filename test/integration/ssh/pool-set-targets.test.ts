// SshPool.setTargets (a reloaded nodes.json) against real sshd nodes: which kept connections survive.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createSshPool, type SshPool } from "../../../src/ssh/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { rigConfig } from "../../helpers/rig-config.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const { log } = memoryLogger("silent");
const sessionPid = "ps -o ppid= -p $$";

describe("SshPool.setTargets", () => {
  let rig: Rig;
  let pool: SshPool;
  before(async () => {
    rig = await startRig(2);
    pool = createSshPool(rigConfig(rig, join(tmpDir(), "config")), log);
  });
  after(async () => {
    await pool?.close();
    await rig?.close();
  });

  it("keeps the connection of an unchanged node and drops the one whose address changed", async () => {
    const kept = (await pool.exec("node-1", sessionPid)).stdout;
    await pool.exec("node-2", "true");
    const [one, two] = [pool.target("node-1"), pool.target("node-2")];
    // node-2 now points at node-1's sshd: same name, different machine.
    pool.setTargets([{ ...one }, { ...two, port: one.port }]);
    assert.equal(pool.isOpen("node-1"), true);
    assert.equal(pool.isOpen("node-2"), false);
    assert.equal((await pool.exec("node-1", sessionPid)).stdout, kept, "same session: not re-dialled");
    const twoNow = await pool.exec("node-2", "echo $SSH_CONNECTION");
    assert.match(twoNow.stdout, new RegExp(` ${one.port}\\n$`), "the new connection goes to the new address");
  });

  it("drops a removed node's connection and forgets the node", async () => {
    await pool.exec("node-2", "true");
    pool.setTargets([pool.target("node-1")]);
    assert.equal(pool.isOpen("node-2"), false);
    assert.deepEqual(pool.nodeNames, ["node-1"]);
    await assert.rejects(pool.exec("node-2", "true"), { code: "UnknownNode" });
  });
});
