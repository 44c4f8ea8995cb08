// Which sync.restart units a node's sync result calls for, and how a node's result changes with
// their restarts. The restarts themselves run on the rig in test/integration/sync/restart.test.ts;
// here a recorded stand-in for one restart step shows what is asked, and in what order.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { restartChanged, unitsFor, type UnitOutcome } from "../../../src/sync/restart-changed.ts";
import type { NodeSync } from "../../../src/sync/types.ts";

const MAP = { "task-watcher.py": ["{node}-watcher"], "dispatch.py": ["agent-daemon", "{node}-watcher"], "nodes.json": [] };

const result = (status: NodeSync["status"], reasons: Record<string, string>): NodeSync => ({
  node: "node-2", status, changed: Object.keys(reasons), unchanged: [], reasons, restarts: [],
});

function recorder(outcomes: Record<string, UnitOutcome> = {}) {
  const asked: string[] = [];
  const restart = async (node: string, unit: string): Promise<UnitOutcome> => {
    asked.push(`${node} ${unit}`);
    return outcomes[unit] ?? { ok: true, before: "active", after: "active" };
  };
  return { asked, restart };
}

describe("sync.restart units for a node", () => {
  it("fills in {node}, names each unit once with every replaced file that maps to it, in sync.files order", () => {
    const n = result("changed", { "dispatch.py": "content differs", "task-watcher.py": "mode 644, controller 750" });
    assert.deepEqual(unitsFor(MAP, n), [
      { unit: "agent-daemon", files: ["dispatch.py"] },
      { unit: "node-2-watcher", files: ["dispatch.py", "task-watcher.py"] },
    ]);
  });

  it("restarts nothing for a file that was missing on the node (a first push), nor for unmapped files", () => {
    assert.deepEqual(unitsFor(MAP, result("changed", { "task-watcher.py": "missing", "nodes.json": "content differs", "projects.json": "content differs" })), []);
  });

  it("restarts each unit once, one at a time, and leaves a node with no mapped change alone", async () => {
    const { asked, restart } = recorder();
    const done = await restartChanged(result("changed", { "dispatch.py": "content differs", "task-watcher.py": "content differs" }), MAP, restart);
    assert.deepEqual(asked, ["node-2 agent-daemon", "node-2 node-2-watcher"]);
    assert.equal(done.status, "changed");
    assert.deepEqual(done.restarts.map((r) => [r.unit, r.status, r.after]), [["agent-daemon", "restarted", "active"], ["node-2-watcher", "restarted", "active"]]);

    const quiet = recorder();
    const same = result("changed", { "nodes.json": "content differs" });
    assert.equal(await restartChanged(same, MAP, quiet.restart), same);
    assert.deepEqual(quiet.asked, []);
  });

  it("only promises restarts in a dry run, and skips them when the node's sync failed", async () => {
    const { asked, restart } = recorder();
    const dry = await restartChanged(result("would-change", { "task-watcher.py": "content differs" }), MAP, restart);
    assert.deepEqual(dry.restarts, [{ unit: "node-2-watcher", files: ["task-watcher.py"], status: "would-restart" }]);
    const failed = await restartChanged({ ...result("failed", { "task-watcher.py": "content differs" }), error: { code: "SshTimeout", message: "gone" } }, MAP, restart);
    assert.deepEqual(failed.restarts.map((r) => r.status), ["skipped"]);
    assert.equal(failed.error?.code, "SshTimeout");
    assert.deepEqual(asked, []);
  });

  it("fails the node when a restart fails, still tries the other units, and keeps the pushed files", async () => {
    const { asked, restart } = recorder({ "agent-daemon": { ok: false, before: "active", after: "failed", error: "Job for agent-daemon.service failed." } });
    const done = await restartChanged(result("changed", { "dispatch.py": "content differs" }), MAP, restart);
    assert.deepEqual(asked, ["node-2 agent-daemon", "node-2 node-2-watcher"]);
    assert.equal(done.status, "failed");
    assert.deepEqual(done.changed, ["dispatch.py"]);
    assert.deepEqual(done.restarts.map((r) => [r.unit, r.status]), [["agent-daemon", "failed"], ["node-2-watcher", "restarted"]]);
    assert.equal(done.error?.code, "CommandFailed");
    assert.match(done.error?.message ?? "", /agent-daemon \(now failed: Job for agent-daemon\.service failed\.\)/);
  });
});
