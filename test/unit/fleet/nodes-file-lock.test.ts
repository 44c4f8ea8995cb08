// Every nodes.json writer takes the `nodes-file` lock in state.db: a second writer, in this
// process or another, waits for the first, and past its wait says "busy" having written nothing.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { addNodeToFile, removeNodeFromFile } from "../../../src/config/nodes-file-write.ts";
import { OysterError } from "../../../src/errors.ts";
import { NODES_FILE_LOCK, withNodesFileLock } from "../../../src/fleet/nodes-file-lock.ts";
import { openStore } from "../../../src/store/index.ts";
import { exitOf, spawnTsx, waitForOutput } from "../../helpers/spawn-tsx.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const env = { HOME: "/home/tester" };

function fixture() {
  const dir = tmpDir();
  writeFileSync(join(dir, "nodes.json"), `${JSON.stringify({ nodes: [{ name: "a" }, { name: "b" }] }, null, 2)}\n`);
  const names = () => (JSON.parse(readFileSync(join(dir, "nodes.json"), "utf8")) as { nodes: Array<{ name: string }> }).nodes.map((n) => n.name);
  return { dir, names };
}

describe("the nodes-file lock", () => {
  it("makes a second writer wait for the first, then write on top of the first one's file", async () => {
    const f = fixture();
    const holder = openStore(f.dir);
    const other = openStore(f.dir);
    const held = await holder.lock(NODES_FILE_LOCK, { label: "cli:first" });
    let waiting!: () => void;
    const started = new Promise<void>((r) => (waiting = r));
    const second = withNodesFileLock(other, { label: "cli:second", waitMs: 20_000, onWait: waiting }, () => addNodeToFile(f.dir, { name: "c" }, { env }));
    await started;
    // The first writer's change lands while the second waits; the second must not overwrite it.
    removeNodeFromFile(f.dir, "a", { env });
    assert.deepEqual(f.names(), ["b"], "the second writer has written nothing while it waits");
    held.release();
    await second;
    assert.deepEqual(f.names(), ["b", "c"]);
    holder.close();
    other.close();
  });

  it("says busy (exit 1), naming the holder in another process, and writes nothing", async () => {
    const f = fixture();
    const child = spawnTsx("test/helpers/fixtures/hold-lock.ts", [f.dir, NODES_FILE_LOCK, "forever"]);
    const store = openStore(f.dir);
    try {
      await waitForOutput(child, "held");
      const before = readFileSync(join(f.dir, "nodes.json"), "utf8");
      await assert.rejects(withNodesFileLock(store, { label: "cli:test", waitMs: 300 }, () => removeNodeFromFile(f.dir, "a", { env })), (err: OysterError) => {
        assert.equal(err.code, "Busy");
        assert.equal(err.exitCode, 1);
        assert.match(err.message, /busy: nodes-file is held by fixture \(pid \d+.*nodes\.json left unchanged/);
        return true;
      });
      assert.equal(readFileSync(join(f.dir, "nodes.json"), "utf8"), before);
    } finally {
      store.close();
      child.kill("SIGKILL");
      await exitOf(child);
    }
  });
});
