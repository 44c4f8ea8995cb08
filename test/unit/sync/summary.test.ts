import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeNode, summarizeSync, totalsOf } from "../../../src/sync/summary.ts";
import type { NodeSync } from "../../../src/sync/types.ts";

const node = (name: string, status: NodeSync["status"], changed: string[] = [], extra: Partial<NodeSync> = {}): NodeSync => ({
  node: name, status, changed, unchanged: ["projects.json"], reasons: {}, restarts: [], ...extra,
});

describe("sync summaries", () => {
  const nodes = [
    node("n1", "changed", ["dispatch.py", "nodes.json"]),
    node("n2", "changed", ["dispatch.py"]),
    node("n3", "unchanged"),
    node("n4", "failed", [], { error: { code: "SshTimeout", message: "n4: no SSH session within 2000 ms" } }),
  ];

  it("counts nodes by outcome and files over the nodes that changed", () => {
    assert.deepEqual(totalsOf(nodes), { nodes: 4, changed: 2, unchanged: 1, failed: 1, wouldChange: 0, files: 3 });
  });

  it("reads like the job summary, naming failed nodes with their error code", () => {
    assert.equal(summarizeSync({ dryRun: false, nodes, totals: totalsOf(nodes) }), "4 nodes: 2 changed (3 files), 1 unchanged, 1 failed: n4 (SshTimeout)");
    const clean = nodes.slice(0, 3);
    assert.equal(summarizeSync({ dryRun: false, nodes: clean, totals: totalsOf(clean) }), "3 nodes: 2 changed (3 files), 1 unchanged, 0 failed");
  });

  it("says would change in a dry run, and singular when there is one", () => {
    const dry = [node("n1", "would-change", ["dispatch.py"])];
    assert.equal(summarizeSync({ dryRun: true, nodes: dry, totals: totalsOf(dry) }), "1 node: 1 would change (1 file), 0 unchanged, 0 failed");
  });

  it("describes each node's outcome with the reasons and what landed before a failure", () => {
    assert.equal(describeNode(node("n1", "would-change", ["a.py"], { reasons: { "a.py": "missing" } })), "would push a.py (missing)");
    assert.equal(describeNode(node("n1", "changed", ["a.py"], { reasons: { "a.py": "content differs" } })), "pushed a.py (content differs), verified");
    assert.equal(describeNode(node("n3", "unchanged")), "up to date (1 file)");
    assert.equal(
      describeNode(node("n4", "failed", ["a.py"], { error: { code: "CommandFailed", message: "n4: upload b.sh: Permission denied" } })),
      "CommandFailed: n4: upload b.sh: Permission denied (pushed before the failure: a.py)",
    );
  });

  it("names the units restarted (or that would be) per node, and a node whose restart failed by its unit", () => {
    const watcher = { unit: "n1-watcher", files: ["task-watcher.py"] };
    const restarted = [
      node("n1", "changed", ["task-watcher.py"], { reasons: { "task-watcher.py": "content differs" }, restarts: [{ ...watcher, status: "restarted", before: "active", after: "active" }] }),
      node("n2", "unchanged"),
    ];
    assert.equal(summarizeSync({ dryRun: false, nodes: restarted, totals: totalsOf(restarted) }), "2 nodes: 1 changed (1 file), 1 unchanged, 0 failed; restarted n1-watcher on n1");
    assert.equal(describeNode(restarted[0]!), "pushed task-watcher.py (content differs), verified; restarted n1-watcher (task-watcher.py changed)");

    const dry = [node("n1", "would-change", ["task-watcher.py"], { reasons: { "task-watcher.py": "content differs" }, restarts: [{ ...watcher, status: "would-restart" }] })];
    assert.equal(summarizeSync({ dryRun: true, nodes: dry, totals: totalsOf(dry) }), "1 node: 1 would change (1 file), 0 unchanged, 0 failed; would restart n1-watcher on n1");
    assert.equal(describeNode(dry[0]!), "would push task-watcher.py (content differs); would restart n1-watcher (task-watcher.py changed)");

    const broken = [
      node("n1", "failed", ["task-watcher.py"], {
        reasons: { "task-watcher.py": "content differs" },
        restarts: [{ ...watcher, status: "failed", before: "failed", after: "failed", error: "Job for n1-watcher.service failed." }],
        error: { code: "CommandFailed", message: "n1: task-watcher.py pushed and verified, but the restart of n1-watcher failed" },
      }),
    ];
    assert.equal(summarizeSync({ dryRun: false, nodes: broken, totals: totalsOf(broken) }), "1 node: 0 changed (0 files), 0 unchanged, 1 failed: n1 (restart of n1-watcher failed)");
    assert.equal(describeNode(broken[0]!), "pushed task-watcher.py (content differs), verified; restart of n1-watcher FAILED (task-watcher.py changed): now failed: Job for n1-watcher.service failed.");
  });

  it("counts restarts past the eighth instead of naming them", () => {
    const many = Array.from({ length: 10 }, (_, i) => node(`n${i}`, "changed", ["a.py"], { restarts: [{ unit: "agent-daemon", files: ["a.py"], status: "restarted" }] }));
    assert.match(summarizeSync({ dryRun: false, nodes: many, totals: totalsOf(many) }), /; restarted agent-daemon on n0, (agent-daemon on n\d, ){6}agent-daemon on n7, 2 more$/);
  });
});
