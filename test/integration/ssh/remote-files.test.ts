import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createSshPool, remoteSha256, uploadFile, type SshPool } from "../../../src/ssh/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { rigConfig } from "../../helpers/rig-config.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const sha = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

describe("remote files over SFTP", () => {
  let rig: Rig;
  let pool: SshPool;
  const local = tmpDir();

  before(async () => {
    rig = await startRig(1);
    pool = createSshPool(rigConfig(rig, join(local, "config")), memoryLogger("silent").log);
  });
  after(async () => {
    await pool?.close();
    await rig?.close();
  });

  it("uploads under a temp name, renames it into place and keeps the mode", async () => {
    const src = join(local, "task-wrapper.sh");
    writeFileSync(src, "#!/bin/sh\necho wrapped\n");
    chmodSync(src, 0o750);
    const node = rig.node("node-1");
    const result = await uploadFile(pool, "node-1", src, node.dispatchDir, "task-wrapper.sh");
    assert.deepEqual(result, { bytes: 23, mode: 0o750 });
    const remote = join(node.dispatchDir, "task-wrapper.sh");
    assert.equal(readFileSync(remote, "utf8"), "#!/bin/sh\necho wrapped\n");
    assert.equal(statSync(remote).mode & 0o777, 0o750);
    assert.deepEqual(readdirSync(node.dispatchDir).filter((f) => f.includes(".oyster-")), [], "no temp file left");
    assert.equal((await pool.exec("node-1", `${remote}`)).stdout, "wrapped\n");
  });

  it("replaces an existing file in one step", async () => {
    const src = join(local, "nodes.json");
    writeFileSync(src, '{"v":2}\n');
    const node = rig.node("node-1");
    writeFileSync(join(node.dispatchDir, "nodes.json"), '{"v":1}\n');
    await uploadFile(pool, "node-1", src, node.dispatchDir, "nodes.json");
    assert.equal(readFileSync(join(node.dispatchDir, "nodes.json"), "utf8"), '{"v":2}\n');
  });

  it("hashes several remote files in one round trip and leaves missing ones out", async () => {
    const node = rig.node("node-1");
    writeFileSync(join(node.dispatchDir, "a file.txt"), "alpha");
    writeFileSync(join(node.dispatchDir, "b.txt"), "beta");
    const hashes = await remoteSha256(pool, "node-1", node.dispatchDir, ["a file.txt", "b.txt", "missing.txt"]);
    assert.deepEqual(Object.fromEntries(hashes), { "a file.txt": sha("alpha"), "b.txt": sha("beta") });
  });

  it("fails an upload into a read-only dir with a clear error and leaves nothing behind", async () => {
    const src = join(local, "projects.json");
    writeFileSync(src, "[]\n");
    const node = rig.node("node-1");
    await node.setReadOnly(true);
    try {
      await assert.rejects(uploadFile(pool, "node-1", src, node.dispatchDir, "projects.json"), (err: Error & { code: string }) => {
        assert.equal(err.code, "CommandFailed");
        assert.match(err.message, /node-1: upload projects\.json: Permission denied/);
        return true;
      });
      assert.deepEqual(readdirSync(node.dispatchDir).filter((f) => f.startsWith(".projects.json")), []);
    } finally {
      await node.setReadOnly(false);
    }
  });
});
