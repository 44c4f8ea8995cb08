// `oyster restart daemon|watcher|service` against real sshd nodes whose systemctl and sudo are
// the rig's stateful shims: what runs where, before/after, failures, and what never runs.
import assert from "node:assert/strict";
import { userInfo } from "node:os";
import { after, before, beforeEach, describe, it } from "node:test";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { terminal } from "../../helpers/in-process-cli.ts";
import { makeRestartFleet, type RestartFleet } from "./restart-fixture.ts";

const SERVICES = { "node-1": ["agent-daemon", "node-1-watcher", "gpu-exporter"], "node-2": ["agent-daemon", "node-2-watcher"] };
const RESTART_DAEMON = "sudo -n systemctl restart agent-daemon";

describe("oyster restart (units on nodes)", () => {
  let rig: Rig;
  let fleet: RestartFleet;
  let seen: Record<string, number>;
  // Calls made since the test began, per node.
  const newCalls = () => Object.fromEntries(Object.entries(fleet.calls()).map(([n, c]) => [n, c.slice(seen[n])]));

  before(async () => {
    rig = await startRig(2, { services: ["agent-daemon", "node-1-watcher", "node-2-watcher", "gpu-exporter"] });
    fleet = makeRestartFleet(rig, SERVICES, ["oyster-web"]);
  });
  after(async () => rig?.close());
  beforeEach(() => {
    seen = Object.fromEntries(Object.entries(fleet.calls()).map(([n, c]) => [n, c.length]));
  });

  it("restarts the daemon on exactly that node, showing before and after", async () => {
    const { code, doc } = await fleet.cli(["restart", "daemon", "node-1", "--yes", "--json"]);
    assert.equal(code, 0);
    assert.deepEqual(newCalls(), {
      // The sudo shim records its call, then runs the systemctl shim, which records its own.
      "node-1": ["systemctl is-active agent-daemon", RESTART_DAEMON, "systemctl restart agent-daemon", "systemctl is-active agent-daemon"],
      "node-2": [],
    });
    assert.deepEqual(doc.target, { kind: "daemon", node: "node-1", unit: "agent-daemon" });
    assert.equal(doc.before, "active");
    assert.equal(doc.after, "active");
    assert.equal(doc.ok, true);
    assert.deepEqual(doc.steps.map((s: { where: string; command: string; code: number }) => [s.where, s.command, s.code]), [
      ["node-1", "systemctl is-active 'agent-daemon'", 0],
      ["node-1", "sudo -n systemctl restart 'agent-daemon'", 0],
      ["node-1", "systemctl is-active 'agent-daemon'", 0],
    ]);
    const text = await fleet.cli(["restart", "daemon", "node-2", "--yes"]);
    assert.equal(text.code, 0);
    assert.equal(text.stdout, "restart agent-daemon on node-2: ok (active -> active)\n");
  });

  it("reports a restart that fails (broken unit) with its stderr, after = failed, exit 1", async () => {
    rig.node("node-1").markBroken("agent-daemon", true);
    try {
      const { code, doc } = await fleet.cli(["restart", "daemon", "node-1", "--yes", "--json"]);
      assert.equal(code, 1);
      assert.equal(doc.ok, false);
      assert.equal(doc.after, "failed");
      assert.equal(doc.steps[1].code, 1);
      assert.match(doc.steps[1].stderr, /Job for agent-daemon\.service failed/);
      const text = await fleet.cli(["restart", "daemon", "node-1", "--yes"]);
      assert.equal(text.code, 1);
      assert.match(text.stdout, /^restart agent-daemon on node-1: FAILED \(failed -> failed\)\nsudo -n systemctl restart 'agent-daemon' -> exit 1\n  stderr:\n    Job for agent-daemon\.service failed/);
    } finally {
      rig.node("node-1").markBroken("agent-daemon", false);
    }
    const recovered = await fleet.cli(["restart", "daemon", "node-1", "--yes", "--json"]);
    assert.deepEqual([recovered.code, recovered.doc.before, recovered.doc.after], [0, "failed", "active"]);
    assert.deepEqual(newCalls()["node-2"], []);
  });

  it("restarts each node's own watcher", async () => {
    const one = await fleet.cli(["restart", "watcher", "node-1", "--yes", "--json"]);
    const two = await fleet.cli(["restart", "watcher", "node-2", "--yes", "--json"]);
    assert.deepEqual([one.code, one.doc.target.unit, two.code, two.doc.target.unit], [0, "node-1-watcher", 0, "node-2-watcher"]);
    const calls = newCalls();
    assert.ok(calls["node-1"]!.includes("sudo -n systemctl restart node-1-watcher"));
    assert.ok(calls["node-2"]!.includes("sudo -n systemctl restart node-2-watcher"));
    assert.ok(!calls["node-1"]!.some((c) => c.includes("node-2-watcher")));
  });

  it("restarts a service the node lists", async () => {
    rig.node("node-1").markBroken("gpu-exporter", true);
    rig.node("node-1").markBroken("gpu-exporter", false);
    const { code, doc } = await fleet.cli(["restart", "service", "node-1", "gpu-exporter", "--yes", "--json"]);
    assert.deepEqual([code, doc.before, doc.after], [0, "failed", "active"]);
    assert.equal(rig.node("node-1").unitState("gpu-exporter"), "active");
    assert.deepEqual(newCalls()["node-1"]!.filter((c) => c.startsWith("sudo")), ["sudo -n systemctl restart gpu-exporter"]);
  });

  it("refuses a unit the node does not list (exit 2, listing its units) and runs nothing anywhere", async () => {
    const { code, doc } = await fleet.cli(["restart", "service", "node-2", "gpu-exporter", "--yes", "--json"]);
    assert.equal(code, 2);
    assert.equal(doc.error.code, "UnknownService");
    assert.match(doc.error.message, /listed: agent-daemon, node-2-watcher/);
    assert.deepEqual(newCalls(), { "node-1": [], "node-2": [] });
  });

  it("refuses an unknown node (exit 2, listing the nodes) and runs nothing", async () => {
    const { code, doc } = await fleet.cli(["restart", "daemon", "node-9", "--json"]);
    assert.equal(code, 2, "validation comes before the confirmation question");
    assert.deepEqual(doc.error, { code: "UnknownNode", message: 'unknown node "node-9" (known: node-1, node-2)' });
    assert.deepEqual(newCalls(), { "node-1": [], "node-2": [] });
  });

  it("without --yes and without a terminal refuses (exit 3), runs nothing, and audits the refusal", async () => {
    const { code, doc } = await fleet.cli(["restart", "daemon", "node-2", "--json"]);
    assert.equal(code, 3);
    assert.equal(doc.error.code, "NotConfirmed");
    // The plan's read-only is-active is the only call; nothing was restarted.
    assert.deepEqual(newCalls(), { "node-1": [], "node-2": ["systemctl is-active agent-daemon"] });
    const last = (await fleet.auditRows()).at(-1)!;
    assert.deepEqual([last.who, last.args, last.decision, last.outcome], [`cli:${userInfo().username}`, { kind: "daemon", node: "node-2" }, "refused", "refused"]);
  });

  it("on a terminal shows the plan with the unit's state, and restarts only on y", async () => {
    const no = terminal("n");
    assert.equal((await fleet.cli(["restart", "watcher", "node-2"], no)).code, 3);
    assert.match(no.shown(), /restart node-2-watcher \(the watcher\) on node-2\n  - on node-2: sudo -n systemctl restart 'node-2-watcher' \(now active\)/);
    assert.deepEqual(newCalls()["node-2"], ["systemctl is-active node-2-watcher"]);
    const yes = terminal("y");
    assert.equal((await fleet.cli(["restart", "watcher", "node-2"], yes)).code, 0);
    assert.ok(newCalls()["node-2"]!.includes("sudo -n systemctl restart node-2-watcher"));
    const decisions = (await fleet.auditRows()).slice(-2).map((r) => [r.decision, r.outcome]);
    assert.deepEqual(decisions, [["cancelled", "cancelled"], ["confirmed", "ok"]]);
  });

  it("audits each run: who, arguments, outcome", async () => {
    await fleet.cli(["restart", "service", "node-1", "agent-daemon", "--yes"]);
    rig.node("node-2").markBroken("agent-daemon", true);
    await fleet.cli(["restart", "daemon", "node-2", "--yes"]);
    rig.node("node-2").markBroken("agent-daemon", false);
    const rows = (await fleet.auditRows()).slice(-2);
    const who = `cli:${userInfo().username}`;
    assert.deepEqual(rows.map((r) => [r.who, r.args, r.decision, r.outcome]), [
      [who, { kind: "service", node: "node-1", unit: "agent-daemon" }, "confirmed", "ok"],
      [who, { kind: "daemon", node: "node-2" }, "confirmed", "failed"],
    ]);
  });
});
