// `oyster sync` of a file in a subdirectory of the dispatch dir, against a real sshd node: the
// upload's temp file goes next to the target, inside sub/ (the dispatch dir itself is made
// read-only on the node, so a temp anywhere else could not even be created).
import assert from "node:assert/strict";
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { makeSyncFleet, type SyncFleet } from "./sync-fixture.ts";

describe("oyster sync of a file under a subdirectory", () => {
  let rig: Rig;
  let fleet: SyncFleet;
  before(async () => {
    rig = await startRig(1);
    fleet = makeSyncFleet(rig, { oyster: { sync: { files: ["sub/x.sh"] } } });
    mkdirSync(join(fleet.dispatchDir, "sub"));
    writeFileSync(join(fleet.dispatchDir, "sub", "x.sh"), "#!/bin/sh\necho sub\n");
    chmodSync(join(fleet.dispatchDir, "sub", "x.sh"), 0o750);
    const node = rig.node("node-1");
    const sub = join(node.dispatchDir, "sub");
    mkdirSync(sub);
    const owner = statSync(node.dispatchDir);
    if (process.getuid?.() === 0) chownSync(sub, owner.uid, owner.gid);
  });
  after(async () => {
    await rig?.node("node-1").setReadOnly(false);
    await rig?.close();
  });

  it("lands sub/x.sh with its content and mode, its temp file in sub/ and nothing left behind", async () => {
    const node = rig.node("node-1");
    const topBefore = readdirSync(node.dispatchDir).sort();
    await node.setReadOnly(true);
    try {
      const { code, doc } = await fleet.run(["sync", "--yes"]);
      assert.equal(code, 0, JSON.stringify(doc));
      assert.deepEqual(doc.nodes.map((n: { node: string; status: string; changed: string[] }) => [n.node, n.status, n.changed]), [["node-1", "changed", ["sub/x.sh"]]]);
    } finally {
      await node.setReadOnly(false);
    }
    const target = join(node.dispatchDir, "sub", "x.sh");
    assert.equal(readFileSync(target, "utf8"), "#!/bin/sh\necho sub\n");
    assert.equal(statSync(target).mode & 0o777, 0o750);
    assert.deepEqual(readdirSync(join(node.dispatchDir, "sub")), ["x.sh"], "no temp file left in sub/");
    assert.deepEqual(readdirSync(node.dispatchDir).sort(), topBefore, "nothing new at the top of the dispatch dir");
    const again = await fleet.run(["sync", "--dry-run"]);
    assert.equal(again.doc.nodes[0].status, "unchanged");
  });
});
