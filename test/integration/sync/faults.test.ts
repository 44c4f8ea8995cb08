// `oyster sync` when things are wrong: bad names, no confirmation, a missing source file, and
// nodes stopped, hung or read-only while the rest of the fleet syncs.
import assert from "node:assert/strict";
import { readdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { makeSyncFleet, type SyncFleet } from "./sync-fixture.ts";

const NODES = ["node-1", "node-2", "node-3"];
const CONNECT_TIMEOUT_MS = 1500;
type NodeDoc = { node: string; status: string; changed: string[]; error?: { code: string; message: string } };
const statuses = (doc: { nodes: NodeDoc[] }) => doc.nodes.map((n) => [n.node, n.status, n.error?.code]);

describe("oyster sync with faults", () => {
  let rig: Rig;
  let fleet: SyncFleet;
  let version = 0;
  // A new dispatch.py on the controller, so that every node has something to receive.
  const bump = () => fleet.write("dispatch.py", `# dispatch.py v${++version}\n`);
  before(async () => {
    rig = await startRig(3);
    fleet = makeSyncFleet(rig, { ssh: { connectTimeoutMs: CONNECT_TIMEOUT_MS } });
  });
  after(async () => rig?.close());

  it("rejects an unknown or malformed node name with exit 2, before any connection", async () => {
    await rig.node("node-1").stop();
    try {
      for (const args of [["sync", "nope", "--yes"], ["sync", "node-1", "nope", "--dry-run"]]) {
        const { code, doc } = await fleet.run(args);
        assert.equal(code, 2);
        assert.equal(doc.error.code, "UnknownNode");
        assert.match(doc.error.message, /unknown node "nope"/);
      }
      const bad = await fleet.run(["sync", "-bad"]);
      assert.equal(bad.code, 2);
    } finally {
      await rig.node("node-1").start();
    }
  });

  it("without --yes and without a terminal refuses with exit 3, changing nothing, audited", async () => {
    const stamps = NODES.map((n) => fleet.stamps(n));
    const { code, doc } = await fleet.run(["sync"]);
    assert.equal(code, 3);
    assert.equal(doc.error.code, "NotConfirmed");
    assert.deepEqual(NODES.map((n) => fleet.stamps(n)), stamps);
    const audit = await fleet.run(["audit"]);
    assert.deepEqual(audit.doc.entries.filter((e: { command: string }) => e.command === "sync").map((e: { decision: string }) => e.decision), ["refused"]);
  });

  it("stops before sending anything when a local file is missing, naming it", async () => {
    const stamps = NODES.map((n) => fleet.stamps(n));
    const watcher = join(fleet.dispatchDir, "task-watcher.py");
    renameSync(watcher, `${watcher}.away`);
    try {
      for (const args of [["sync", "--yes"], ["sync", "--dry-run"]]) {
        const { code, doc } = await fleet.run(args);
        assert.equal(code, 1);
        assert.equal(doc.error.code, "CommandFailed");
        assert.match(doc.error.message, /has no task-watcher\.py \(sync\.files\); nothing was sent/);
      }
    } finally {
      renameSync(`${watcher}.away`, watcher);
    }
    // dispatch.py, task-watcher.py and nodes.json would all have been pushed otherwise.
    assert.deepEqual(NODES.map((n) => fleet.stamps(n)), stamps);
  });

  it("reports a stopped node failed, syncs the others, exit 1", async () => {
    bump();
    await rig.node("node-3").stop();
    try {
      const { code, doc } = await fleet.run(["sync", "--yes"]);
      assert.equal(code, 1);
      assert.deepEqual(statuses(doc), [["node-1", "changed", undefined], ["node-2", "changed", undefined], ["node-3", "failed", "SshUnreachable"]]);
      assert.match(doc.nodes[2].error.message, /node-3: cannot reach/);
      fleet.assertMatches("node-1");
      fleet.assertMatches("node-2");
    } finally {
      await rig.node("node-3").start();
    }
  });

  it("reports a hung node failed within the connect timeout while the others sync", async () => {
    bump();
    await rig.node("node-2").hang();
    try {
      const dry = await fleet.run(["sync", "--dry-run"]);
      assert.equal(dry.code, 1);
      assert.deepEqual(statuses(dry.doc), [["node-1", "would-change", undefined], ["node-2", "failed", "SshTimeout"], ["node-3", "would-change", undefined]]);
      // Given up at the dial's deadline, not after a command timeout.
      assert.match(dry.doc.nodes[1].error.message, /no SSH session within \d+ ms/);

      const { code, doc } = await fleet.run(["sync", "--yes"]);
      assert.equal(code, 1);
      assert.deepEqual(statuses(doc), [["node-1", "changed", undefined], ["node-2", "failed", "SshTimeout"], ["node-3", "changed", undefined]]);
      // --yes builds no plan, so the sync's own dial is the one wait.
      assert.match(doc.nodes[1].error.message, /no SSH session within \d+ ms/);
      fleet.assertMatches("node-1");
      fleet.assertMatches("node-3");
    } finally {
      await rig.node("node-2").resume();
    }
  });

  it("reports a node with a read-only dispatch dir failed with the reason; the others sync", async () => {
    bump();
    await rig.node("node-1").setReadOnly(true);
    try {
      const { code, doc } = await fleet.run(["sync", "--yes"]);
      assert.equal(code, 1);
      assert.deepEqual(statuses(doc), [["node-1", "failed", "CommandFailed"], ["node-2", "changed", undefined], ["node-3", "changed", undefined]]);
      assert.match(doc.nodes[0].error.message, /node-1: upload dispatch\.py: Permission denied/);
      assert.deepEqual(readdirSync(rig.node("node-1").dispatchDir).filter((f) => f.includes(".oyster-")), [], "no temp file left");
      const text = await fleet.text(["sync", "--yes"]);
      assert.equal(text.code, 1);
      assert.match(text.stdout, /^node-1\s+FAILED\s+CommandFailed: node-1: upload dispatch\.py: Permission denied/m);
      assert.match(text.stdout, /3 nodes: 0 changed \(0 files\), 2 unchanged, 1 failed: node-1 \(CommandFailed\)\n$/);
    } finally {
      await rig.node("node-1").setReadOnly(false);
    }
    const healed = await fleet.run(["sync", "--yes"]);
    assert.equal(healed.code, 0);
    for (const n of NODES) fleet.assertMatches(n);
  });
});
