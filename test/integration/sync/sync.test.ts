// `oyster sync` and the sync job against real sshd nodes: what is pushed, what is left alone.
import assert from "node:assert/strict";
import { chmodSync, chownSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { sync as syncJob } from "../../../jobs/sync/index.ts";
import { LogNotifier } from "../../../src/notify/log-notifier.ts";
import { openRuntime } from "../../../src/runtime.ts";
import { openStore } from "../../../src/store/index.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { makeSyncFleet, type SyncFleet } from "./sync-fixture.ts";

const NODES = ["node-1", "node-2", "node-3"];
type NodeDoc = { node: string; status: string; changed: string[]; unchanged: string[]; reasons: Record<string, string> };

describe("oyster sync", () => {
  let rig: Rig;
  let fleet: SyncFleet;
  before(async () => {
    rig = await startRig(3);
    fleet = makeSyncFleet(rig);
  });
  after(async () => rig?.close());

  it("with --dry-run lists what would change per node and changes nothing", async () => {
    const stamps = NODES.map((n) => fleet.stamps(n));
    const { code, doc } = await fleet.run(["sync", "--dry-run"]);
    assert.equal(code, 0);
    assert.equal(doc.dryRun, true);
    for (const n of doc.nodes as NodeDoc[]) {
      assert.equal(n.status, "would-change");
      assert.deepEqual(n.changed, ["dispatch.py", "task-watcher.py", "nodes.json"]);
      assert.deepEqual(n.reasons, { "dispatch.py": "missing", "task-watcher.py": "missing", "nodes.json": "content differs" });
    }
    assert.deepEqual(NODES.map((n) => fleet.stamps(n)), stamps);
    const audit = await fleet.run(["audit"]);
    assert.ok(!audit.doc.entries.some((e: { command: string }) => e.command === "sync"), "a dry run is not a state change");
  });

  it("first run brings every node to the controller's content and mode, verified, recorded as a job run", async () => {
    const { code, doc } = await fleet.run(["sync", "--yes"]);
    assert.equal(code, 0);
    assert.deepEqual((doc.nodes as NodeDoc[]).map((n) => [n.node, n.status, n.changed, n.unchanged]), NODES.map((n) => [n, "changed", ["dispatch.py", "task-watcher.py", "nodes.json"], ["task-wrapper.sh", "projects.json"]]));
    assert.deepEqual(doc.totals, { nodes: 3, changed: 3, unchanged: 0, failed: 0, wouldChange: 0, files: 9 });
    for (const n of NODES) fleet.assertMatches(n);
    assert.equal(statSync(join(rig.node("node-1").dispatchDir, "task-watcher.py")).mode & 0o777, 0o750);

    const store = openStore(fleet.dataDir);
    try {
      const run = store.jobRuns.last("sync");
      assert.equal(run?.outcome, "ok");
      assert.equal(run?.trigger, "manual");
      assert.equal(run?.summary, "3 nodes: 3 changed (9 files), 0 unchanged, 0 failed");
      assert.match(run?.owner ?? "", /^cli:/);
    } finally {
      store.close();
    }
    const audit = await fleet.run(["audit"]);
    const entry = audit.doc.entries.find((e: { command: string }) => e.command === "sync");
    assert.deepEqual([entry?.decision, entry?.outcome], ["confirmed", "ok"]);
  });

  it("a second run sends no file: every node unchanged, files untouched", async () => {
    const stamps = NODES.map((n) => fleet.stamps(n));
    const { code, doc } = await fleet.run(["sync", "--yes"]);
    assert.equal(code, 0);
    assert.deepEqual((doc.nodes as NodeDoc[]).map((n) => [n.status, n.changed.length, n.unchanged.length]), NODES.map(() => ["unchanged", 0, 5]));
    assert.deepEqual(NODES.map((n) => fleet.stamps(n)), stamps);
  });

  it("pushes a file whose content is right but whose mode drifted, on the named node only", async () => {
    const wrapper = join(rig.node("node-2").dispatchDir, "task-wrapper.sh");
    chmodSync(wrapper, 0o644);
    const owner = statSync(rig.node("node-2").dispatchDir);
    chownSync(wrapper, owner.uid, owner.gid);
    fleet.write("projects.json", '{"projects":["oyster-web"]}\n');
    const others = ["node-1", "node-3"].map((n) => fleet.stamps(n));

    const { code, doc } = await fleet.run(["sync", "node-2", "node-2", "--yes"]);
    assert.equal(code, 0);
    assert.deepEqual(doc.nodes.map((n: NodeDoc) => [n.node, n.status, n.changed, n.reasons]), [
      ["node-2", "changed", ["task-wrapper.sh", "projects.json"], { "task-wrapper.sh": "mode 644, controller 755", "projects.json": "content differs" }],
    ]);
    fleet.assertMatches("node-2");
    assert.deepEqual(["node-1", "node-3"].map((n) => fleet.stamps(n)), others);
  });

  it("prints per node what changed and a summary line", async () => {
    const dry = await fleet.text(["sync", "--dry-run"]);
    assert.equal(dry.code, 0);
    assert.match(dry.stdout, /^NODE\s+RESULT\s+DETAIL$/m);
    assert.match(dry.stdout, /^node-1\s+would change\s+would push projects\.json \(content differs\)$/m);
    assert.match(dry.stdout, /^node-2\s+unchanged\s+up to date \(5 files\)$/m);
    assert.match(dry.stdout, /dry run: nothing was sent\n3 nodes: 2 would change \(2 files\), 1 unchanged, 0 failed\n$/);
    const real = await fleet.text(["sync", "--yes"]);
    assert.equal(real.code, 0);
    assert.match(real.stdout, /^node-3\s+changed\s+pushed projects\.json \(content differs\), verified$/m);
    assert.match(real.stdout, /3 nodes: 2 changed \(2 files\), 1 unchanged, 0 failed\n$/);
  });

  it("the scheduled job pushes what differs and says so in its summary", async () => {
    fleet.write("dispatch.py", "# dispatch.py v2\n");
    const rt = openRuntime({ processEnv: fleet.env, stderrLevel: "silent" });
    try {
      const result = await syncJob.run({
        config: rt.config, ssh: rt.ssh, store: rt.store, log: rt.log, now: () => new Date(), signal: new AbortController().signal,
        trigger: "schedule", dataDir: rt.env.dataDir, notifier: new LogNotifier(rt.log),
      });
      assert.deepEqual(result, { ok: true, summary: "3 nodes: 3 changed (3 files), 0 unchanged, 0 failed" });
    } finally {
      await rt.close();
    }
    for (const n of NODES) fleet.assertMatches(n);
  });
});
