// sync.restart on real sshd nodes: the units of a replaced file restart on that node only, through
// the rig's recording systemctl and sudo shims (is-active tells the truth; a unit can be broken).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sync as syncJob } from "../../../jobs/sync/index.ts";
import { LogNotifier } from "../../../src/notify/log-notifier.ts";
import { openRuntime } from "../../../src/runtime.ts";
import { openStore } from "../../../src/store/index.ts";
import { terminal } from "../../helpers/in-process-cli.ts";
import { runCli } from "../../../src/cli.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { makeSyncFleet, type SyncFleet } from "./sync-fixture.ts";

const NODES = ["node-1", "node-2", "node-3"];
const WATCHERS = NODES.map((n) => `${n}-watcher`);
// The watchers are deliberately not in nodes.json's services: sync.restart names them itself.
const RESTART = { "task-watcher.py": ["{node}-watcher"], "dispatch.py": ["agent-daemon"] };
const STALE_WATCHER = "# task-watcher.py, an old copy\n";

type RestartDoc = { unit: string; files: string[]; status: string; before?: string; after?: string; error?: string };
type NodeDoc = { node: string; status: string; changed: string[]; restarts: RestartDoc[]; error?: { code: string; message: string } };

describe("sync.restart: restart what a sync replaced", () => {
  let rig: Rig;
  let fleet: SyncFleet;
  // Every node's shim calls since `mark()`: restarts asked of each node by what ran in between.
  let marks: number[] = [];
  const mark = () => (marks = NODES.map((n) => rig.node(n).calls().length));
  const restartsSinceMark = () => NODES.map((n, i) => rig.node(n).calls().slice(marks[i]).filter((c) => c.includes("systemctl restart")));

  before(async () => {
    rig = await startRig(3, { services: ["agent-daemon", ...WATCHERS] });
    fleet = makeSyncFleet(rig, { oyster: { sync: { restart: RESTART } } });
  });
  after(async () => rig?.close());

  it("restarts nothing for files a node did not have yet (the first push)", async () => {
    mark();
    const { code, doc } = await fleet.run(["sync", "--yes"]);
    assert.equal(code, 0);
    assert.deepEqual((doc.nodes as NodeDoc[]).map((n) => [n.status, n.changed, n.restarts]), NODES.map(() => ["changed", ["dispatch.py", "task-watcher.py", "nodes.json"], []]));
    assert.deepEqual(restartsSinceMark(), [[], [], []]);
  });

  it("a sync that changes task-watcher.py on one node restarts that node's watcher only; a second sync restarts nothing", async () => {
    fleet.putOnNode("node-2", "task-watcher.py", STALE_WATCHER, 0o750);
    mark();
    const { code, doc } = await fleet.run(["sync", "--yes"]);
    assert.equal(code, 0);
    assert.deepEqual((doc.nodes as NodeDoc[]).map((n) => [n.node, n.status, n.changed, n.restarts]), [
      ["node-1", "unchanged", [], []],
      ["node-2", "changed", ["task-watcher.py"], [{ unit: "node-2-watcher", files: ["task-watcher.py"], status: "restarted", before: "active", after: "active" }]],
      ["node-3", "unchanged", [], []],
    ]);
    assert.deepEqual(restartsSinceMark(), [[], ["sudo -n systemctl restart node-2-watcher", "systemctl restart node-2-watcher"], []]);
    fleet.assertMatches("node-2");
    const store = openStore(fleet.dataDir);
    try {
      assert.equal(store.jobRuns.last("sync")?.summary, "3 nodes: 1 changed (1 file), 2 unchanged, 0 failed; restarted node-2-watcher on node-2");
    } finally {
      store.close();
    }
    // The daily report's Sync section is the last run's own summary.
    const report = await fleet.run(["report"]);
    assert.equal(report.doc.sync.summary, "3 nodes: 1 changed (1 file), 2 unchanged, 0 failed; restarted node-2-watcher on node-2");

    mark();
    const again = await fleet.run(["sync", "--yes"]);
    assert.equal(again.code, 0);
    assert.deepEqual((again.doc.nodes as NodeDoc[]).map((n) => [n.status, n.restarts]), NODES.map(() => ["unchanged", []]));
    assert.deepEqual(restartsSinceMark(), [[], [], []]);
  });

  it("--dry-run and the confirmation plan list the restarts per node and restart nothing", async () => {
    fleet.putOnNode("node-3", "task-watcher.py", STALE_WATCHER, 0o750);
    fleet.putOnNode("node-3", "dispatch.py", "# dispatch.py, an old copy\n");
    const stamps = fleet.stamps("node-3");
    mark();
    const dry = await fleet.text(["sync", "--dry-run"]);
    assert.equal(dry.code, 0);
    assert.match(
      dry.stdout,
      /^node-3\s+would change\s+would push dispatch\.py \(content differs\), task-watcher\.py \(content differs\); would restart agent-daemon \(dispatch\.py changed\); would restart node-3-watcher \(task-watcher\.py changed\)$/m,
    );
    assert.match(dry.stdout, /^node-1\s+unchanged\s+up to date \(5 files\)$/m);
    assert.match(dry.stdout, /3 nodes: 1 would change \(2 files\), 2 unchanged, 0 failed; would restart agent-daemon on node-3, node-3-watcher on node-3\n$/);

    const c = captureOutput();
    const asked = terminal("n");
    assert.equal(await runCli(["sync"], { env: fleet.env, out: c.out, io: asked }), 3);
    assert.match(asked.shown(), /node-3: would push .*; would restart agent-daemon \(dispatch\.py changed\); would restart node-3-watcher \(task-watcher\.py changed\)/);

    assert.deepEqual(restartsSinceMark(), [[], [], []]);
    assert.deepEqual(fleet.stamps("node-3"), stamps);
  });

  it("a unit that fails to restart fails its node (exit 1) with the unit's state; the files stay pushed and the other units restart", async () => {
    rig.node("node-3").markBroken("node-3-watcher", true);
    try {
      mark();
      const { code, doc } = await fleet.run(["sync", "--yes"]);
      assert.equal(code, 1);
      const n3 = (doc.nodes as NodeDoc[]).find((n) => n.node === "node-3")!;
      assert.equal(n3.status, "failed");
      assert.deepEqual(n3.changed, ["dispatch.py", "task-watcher.py"]);
      assert.deepEqual(n3.restarts.map((r) => [r.unit, r.status, r.after]), [["agent-daemon", "restarted", "active"], ["node-3-watcher", "failed", "failed"]]);
      assert.match(n3.restarts[1]!.error ?? "", /Job for node-3-watcher\.service failed/);
      assert.equal(n3.error?.code, "CommandFailed");
      fleet.assertMatches("node-3");
      assert.deepEqual(restartsSinceMark()[0], []);
      assert.deepEqual(restartsSinceMark()[1], []);
      assert.equal(rig.node("node-3").unitState("node-3-watcher"), "failed");

      const store = openStore(fleet.dataDir);
      try {
        assert.equal(store.jobRuns.last("sync")?.summary, "3 nodes: 0 changed (0 files), 2 unchanged, 1 failed: node-3 (restart of node-3-watcher failed); restarted agent-daemon on node-3");
      } finally {
        store.close();
      }
    } finally {
      rig.node("node-3").markBroken("node-3-watcher", false);
    }
  });

  it("the scheduled job restarts what it replaced and names the restarts in its summary", async () => {
    fleet.putOnNode("node-1", "task-watcher.py", STALE_WATCHER, 0o750);
    mark();
    const rt = openRuntime({ processEnv: fleet.env, stderrLevel: "silent" });
    try {
      const result = await syncJob.run({
        config: rt.config, ssh: rt.ssh, store: rt.store, log: rt.log, now: () => new Date(), signal: new AbortController().signal,
        trigger: "schedule", dataDir: rt.env.dataDir, notifier: new LogNotifier(rt.log),
      });
      assert.deepEqual(result, { ok: true, summary: "3 nodes: 1 changed (1 file), 2 unchanged, 0 failed; restarted node-1-watcher on node-1" });
    } finally {
      await rt.close();
    }
    assert.deepEqual(restartsSinceMark(), [["sudo -n systemctl restart node-1-watcher", "systemctl restart node-1-watcher"], [], []]);
    assert.equal(rig.node("node-1").unitState("node-1-watcher"), "active");
  });
});
