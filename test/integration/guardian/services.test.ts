// node_availability's services half against real sshd nodes whose systemctl, sudo and journalctl
// are the rig's stateful shims: read in the probe's one round trip, a unit not running is an
// incident of its node, restarted under the fix-attempt budget, alerted with its journal.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runGuardian, type GuardianDeps } from "../../../jobs/guardian/run-guardian.ts";
import { alertBookFor } from "../../../src/alerts/alert-book-for.ts";
import { openRuntime } from "../../../src/runtime.ts";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { runSsh } from "../../helpers/rig/ssh-client.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { logLines } from "../../helpers/unit-journal.ts";

const SERVICES = ["agent-daemon", "node-watcher"];
const SHOW = "systemctl show --no-pager --property=Id,LoadState,ActiveState,SubState agent-daemon node-watcher";
const KEY = "sk-provider-live-7777-guardian";
type Result = { check: string; node: string | null; status: string; detail: string; alert?: { id: string; status: string }; fixAttempts?: { made: number; max: number } };

describe("guardian: a node's services", () => {
  let rig: Rig;
  let fleet: Fleet;
  const availability = async (node: string, ...flags: string[]): Promise<Result> => {
    const r = await fleet.oyster(["check", "node_availability", "--node", node, ...flags]);
    return (r.doc.results as Result[]).find((x) => x.check === "node_availability" && x.node === node)!;
  };
  const restarts = (node: string) => rig.node(node).calls().filter((c) => c === "sudo -n systemctl restart agent-daemon" || c === "sudo -n systemctl restart node-watcher").length;
  const alertFile = (id: string) => JSON.parse(readFileSync(join(fleet.dataDir, "guardian_alerts", `${id}.json`), "utf8")) as Record<string, unknown>;

  before(async () => {
    rig = await startRig(3, { services: SERVICES });
    // A provider key in the environment is a secret Oyster knows: it must not reach an alert.
    fleet = makeFleet(rig, { services: SERVICES, ssh: { connectTimeoutMs: 1500 }, oyster: { monitor: { providers: { openai: [{ label: "main", keyEnv: "SOME_PROVIDER_KEY" }] } } } });
    fleet.env.SOME_PROVIDER_KEY = KEY;
    const first = await fleet.oyster(["check"]);
    assert.equal(first.code, 0, JSON.stringify(first.doc));
  });
  after(async () => rig?.close());

  it("passes a node whose services are all active, reading them in the probe's one round trip", async () => {
    const before = rig.nodes.map((n) => n.calls().length);
    const r = await fleet.oyster(["check"]);
    assert.equal(r.code, 0, JSON.stringify(r.doc));
    for (const [i, n] of rig.nodes.entries()) {
      const mine = (r.doc.results as Result[]).find((x) => x.check === "node_availability" && x.node === n.name)!;
      assert.equal(mine.status, "passed");
      assert.match(mine.detail, /^answers in \d+ ms; services active: agent-daemon, node-watcher$/);
      assert.deepEqual(n.calls().slice(before[i]), [SHOW]);
    }
  });

  it("in one process, the probe is one exec per node: systemctl show instead of true, nothing else added", async () => {
    const rt = openRuntime({ processEnv: fleet.env, stderrLevel: "silent" });
    try {
      const now = () => new Date();
      const deps: GuardianDeps = { config: rt.config, ssh: rt.ssh, store: rt.store, log: rt.log, now, dataDir: rt.env.dataDir, alerts: alertBookFor({ ...rt, dataDir: rt.env.dataDir, now }) };
      const commands: Array<[string, string]> = [];
      const exec = rt.ssh.exec.bind(rt.ssh);
      rt.ssh.exec = (node, command, opts) => {
        commands.push([node, command]);
        return exec(node, command, opts);
      };
      assert.equal((await runGuardian(deps, { fix: true })).ok, true);
      for (const n of rig.nodes) {
        const mine = commands.filter(([node]) => node === n.name).map(([, c]) => c);
        assert.equal(mine.filter((c) => c.includes("systemctl")).length, 1, mine.join("\n"));
        assert.equal(mine.filter((c) => c === "true").length, 0, mine.join("\n"));
        // The probe plus the one hash round trip of the drift checks, as without services.
        assert.equal(mine.length, 2, mine.join("\n"));
      }
    } finally {
      await rt.close();
    }
  });

  it("a broken unit: restarted at most max_fix_attempts times, alerted after alertAfter runs with its states and journal, resolved once active", async () => {
    const node = rig.node("node-2");
    node.markBroken("agent-daemon", true);
    const runs: Result[] = [];
    try {
      let raised = "";
      for (let i = 0; i < 3; i++) {
        runs.push(await availability("node-2"));
        if (runs[i]!.alert) raised ||= String(alertFile(runs[i]!.alert!.id).message);
      }
      // As raised: the unit, its state before and after the last restart, why it failed, and its journal.
      assert.match(raised, /^node-2: node_availability: services not running: agent-daemon failed \(journal: .*Failed to start agent-daemon\.service\.\); fix attempt 2 of 2 failed: agent-daemon failed -> failed \(restart exit 1: Job for agent-daemon\.service failed.*\); auto-fix stopped for this incident$/);
      assert.deepEqual(runs.map((r) => r.status), ["failed", "failed", "failed"]);
      assert.deepEqual(runs.map((r) => r.fixAttempts), [{ made: 1, max: 2 }, { made: 2, max: 2 }, { made: 2, max: 2 }]);
      assert.match(runs[0]!.detail, /^services not running: agent-daemon failed \(journal: [^)]*\); fix attempt 1 of 2 failed: agent-daemon failed -> failed \(restart exit 1: Job for agent-daemon\.service failed/);
      assert.equal(runs[0]!.alert, undefined, "no alert on the first failing run");
      assert.equal(runs[1]!.alert?.status, "open");
      assert.match(runs[2]!.detail, /auto-fix stopped for this incident after 2 failed attempt\(s\)$/);
      assert.equal(restarts("node-2"), 2, "restarted exactly max_fix_attempts times");
      const file = alertFile(runs[1]!.alert!.id);
      assert.deepEqual([file.check, file.node, file.severity, file.attempts], ["node_availability", "node-2", "critical", 2]);
      // Updated in place while it stays open: still the unit and the journal's newest lines.
      assert.match(String(file.message), /^node-2: node_availability: services not running: agent-daemon failed \(journal: .*Failed to start agent-daemon\.service\.\); auto-fix stopped for this incident after 2 failed attempt\(s\)$/);
    } finally {
      node.markBroken("agent-daemon", false);
    }
    // The cause is gone but the unit stays failed until someone restarts it: the budget is spent.
    assert.equal((await availability("node-2")).status, "failed");
    assert.equal(restarts("node-2"), 2);
    const restart = await fleet.oyster(["restart", "service", "node-2", "agent-daemon", "--yes"]);
    assert.equal(restart.code, 0, JSON.stringify(restart.doc));
    const back = await availability("node-2");
    assert.equal(back.status, "passed");
    assert.deepEqual(back.alert, { id: runs[1]!.alert!.id, status: "resolved" });
  });

  it("a stopped unit is restarted by the fix and verified active; --no-fix only reports it", async () => {
    const stop = await runSsh(rig, "node-1", "systemctl stop node-watcher");
    assert.equal(stop.code, 0, stop.stderr);
    const before = restarts("node-1");
    const look = await availability("node-1", "--no-fix");
    assert.equal(look.status, "failed");
    assert.match(look.detail, /^services not running: node-watcher inactive \(dead\) \(journal: [^)]*\)$/);
    assert.equal(restarts("node-1"), before, "--no-fix restarts nothing");
    assert.equal(rig.node("node-1").unitState("node-watcher"), "inactive");

    const fixed = await availability("node-1");
    assert.equal(fixed.status, "fixed");
    assert.match(fixed.detail, /^services not running: node-watcher inactive \(dead\) \(journal: [^)]*\); restarted node-watcher inactive \(dead\) -> active$/);
    assert.equal(rig.node("node-1").unitState("node-watcher"), "active");
    assert.equal(restarts("node-1"), before + 1);
  });

  it("a unit that dies again after every restart runs out of attempts, then is alerted", async () => {
    const node = rig.node("node-3");
    logLines(node, "agent-daemon", [`connected with key ${KEY}`, "picked task 9"]);
    // A crash: failed, and a restart would work (until the next crash).
    const crash = () => {
      node.markBroken("agent-daemon", true);
      node.markBroken("agent-daemon", false);
    };
    const runs: Result[] = [];
    for (let i = 0; i < 4; i++) {
      crash();
      runs.push(await availability("node-3"));
    }
    assert.deepEqual(runs.map((r) => r.status), ["fixed", "fixed", "failed", "failed"]);
    assert.equal(restarts("node-3"), 2);
    assert.equal(runs[2]!.alert, undefined);
    assert.equal(runs[3]!.alert?.status, "open");
    assert.match(runs[3]!.detail, /^services not running: agent-daemon failed \(journal: .*picked task 9.*\); auto-fix stopped for this incident after 2 failed attempt\(s\)$/);
    // The unit's own last words reach the alert, with Oyster's secrets scrubbed out.
    const message = String(alertFile(runs[3]!.alert!.id).message);
    assert.match(message, /journal: .*connected with key \S+/);
    assert.ok(!message.includes(KEY) && !runs.some((r) => r.detail.includes(KEY)));
    await fleet.oyster(["restart", "service", "node-3", "agent-daemon", "--yes"]);
    assert.equal((await availability("node-3")).alert?.status, "resolved");
  });
});
