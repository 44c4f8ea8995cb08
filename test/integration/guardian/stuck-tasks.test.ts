// stuck_tasks against real sshd nodes and a real dispatch.db: a task left running on a stopped
// node is alerted and (with requeue) put back to pending once, audited, after a snapshot.
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { minutesAfter, stuckFleet, stuckResults, type StuckFleet } from "./stuck-tasks-fixture.ts";

describe("guardian stuck_tasks: the offline-node case", () => {
  let rig: Rig;
  before(async () => {
    rig = await startRig(3);
  });
  after(async () => rig?.close());

  /** dispatch.db made and every node online at t0, then task 1 running on node-2 since t0. */
  async function seeded(stuckTasks: Record<string, unknown>, checks?: Record<string, boolean> | null): Promise<{ fleet: StuckFleet; t0: Date }> {
    const fleet = stuckFleet(rig, stuckTasks, { checks });
    const t0 = new Date();
    const first = await fleet.at(t0, ["check"]);
    assert.equal(first.code, 0, JSON.stringify(first.doc));
    fleet.addTask({ id: 1, node: "node-2", startedAt: t0 });
    return { fleet, t0 };
  }

  it("a task left running on a stopped node: one alert naming it; with requeue, pending again with attempts + 1, once, audited, snapshot taken", async () => {
    const { fleet, t0 } = await seeded({ requeue: true });
    await rig.node("node-2").stop();
    try {
      // The run that finds node-2 down marks it offline in dispatch.db: offline for 0 minutes, not stuck yet.
      const marked = await fleet.at(minutesAfter(t0, 1), ["check"]);
      assert.deepEqual(stuckResults(marked.doc).map((r) => [r.status, r.detail]), [["passed", "1 running task(s), none stuck"]]);
      assert.equal(fleet.task(1).status, "running");

      const run = await fleet.at(minutesAfter(t0, 17), ["check"]);
      const [r] = stuckResults(run.doc);
      assert.equal(r?.status, "fixed", JSON.stringify(run.doc.results));
      assert.equal(r.node, "node-2");
      assert.match(r.detail, /^web\/1 on node-2, running for 17m: node-2 offline in dispatch\.db for 16m \(since .+\); task\.log not read \(node unreachable this run\); /);
      assert.match(r.detail, /; requeued: pending again \(attempts 1\); snapshot dispatch-safety-\d{8}-\d{6}\.db first$/);
      assert.deepEqual(r.fixAttempts, { made: 1, max: 2 });
      assert.deepEqual(fleet.task(1), { status: "pending", node: null, started_at: null, attempts: 1 });

      const alerts = await fleet.stuckAlerts(minutesAfter(t0, 17));
      assert.equal(alerts.length, 1, "one alert for the task");
      const a = alerts[0];
      assert.deepEqual([a.id, a.check, a.node, a.status], [r.alert?.id, "stuck_tasks:web:1", "node-2", "resolved"]);
      assert.match(a.message, /^node-2: stuck_tasks: web\/1 on node-2, .*requeued: pending again \(attempts 1\)/);
      const file = JSON.parse(readFileSync(join(fleet.dataDir, "guardian_alerts", `${a.id}.json`), "utf8"));
      assert.deepEqual([file.status, file.message], ["resolved", a.message]);
      assert.equal((await fleet.at(minutesAfter(t0, 17), ["alerts"])).doc.alerts.filter((x: any) => x.check.startsWith("stuck_tasks")).length, 0, "resolved: not among the open ones");

      assert.deepEqual(fleet.requeueAudit().map((x) => [x.who, x.via, x.args.project, x.args.id, x.args.node, x.outcome]), [["guardian", "job", "web", 1, "node-2", "ok"]]);
      const backups = (await fleet.at(minutesAfter(t0, 17), ["backups"])).doc.snapshots as Array<{ file: string; kind: string; verified: boolean }>;
      assert.deepEqual(backups.map((s) => [s.kind, s.verified]), [["safety", true]]);
      assert.ok(r.detail.includes(backups[0]!.file));
      assert.ok(existsSync(join(fleet.dataDir, "snapshots", backups[0]!.file)));

      // Once: the next runs find nothing running there and change nothing.
      for (const m of [18, 40]) {
        const again = await fleet.at(minutesAfter(t0, m), ["check"]);
        assert.deepEqual(stuckResults(again.doc).map((x) => x.status), ["passed"]);
      }
      assert.equal(fleet.task(1).attempts, 1);
      assert.equal(fleet.requeueAudit().length, 1);
      assert.equal((await fleet.stuckAlerts(minutesAfter(t0, 40))).length, 1);
      assert.equal((await fleet.at(minutesAfter(t0, 40), ["backups"])).doc.snapshots.length, 1);
    } finally {
      await rig.node("node-2").start();
    }
  });

  it("with requeue off, the offline-node case is alerted (with a Show logs button only) and the task is left running", async () => {
    const { fleet, t0 } = await seeded({ requeue: false });
    writeFileSync(join(fleet.configDir, "projects.json"), JSON.stringify({ projects: [{ name: "web" }] }));
    fleet.setNode("node-9", "offline", t0);
    fleet.addTask({ id: 2, node: "node-9", startedAt: t0 });
    const run = await fleet.at(minutesAfter(t0, 30), ["check", "stuck_tasks"]);
    const r = stuckResults(run.doc).find((x) => x.node === "node-9")!;
    assert.equal(r.status, "failed");
    assert.match(r.detail, /node-9 offline in dispatch\.db for 30m .*; not requeued: guardian\.stuckTasks\.requeue is off$/);
    assert.equal(r.fixAttempts, undefined);
    assert.equal(fleet.task(2).status, "running");
    assert.deepEqual(fleet.requeueAudit(), []);
    const alert = (await fleet.stuckAlerts(minutesAfter(t0, 30))).find((a) => a.check === "stuck_tasks:web:2");
    assert.equal(alert?.status, "open");
    assert.deepEqual(alert.actions, [{ label: "Show logs", argv: ["logs", "task", "web", "2"], private: true }], "requeue is off: no Requeue task");
  });

  it("off by default: nothing is judged, alerted or written, even with requeue on", async () => {
    const { fleet, t0 } = await seeded({ requeue: true }, null);
    fleet.setNode("node-9", "offline", t0);
    fleet.addTask({ id: 2, node: "node-9", startedAt: minutesAfter(t0, -600) });
    for (const args of [["check"], ["check", "stuck_tasks"]]) {
      const run = await fleet.at(minutesAfter(t0, 120), args);
      assert.deepEqual(stuckResults(run.doc).map((r) => [r.status, r.detail]), [["skipped", "switched off in guardian_config.json"]]);
    }
    assert.deepEqual([fleet.task(1).status, fleet.task(2).status], ["running", "running"]);
    assert.deepEqual(await fleet.stuckAlerts(minutesAfter(t0, 120)), []);
    assert.deepEqual(fleet.requeueAudit(), []);
    assert.ok(!existsSync(join(fleet.dataDir, "snapshots")) || (await fleet.at(t0, ["backups"])).doc.snapshots.length === 0);
  });

  it("check stuck_tasks --node (the alert's Requeue task button) requeues that node's task; --no-fix only reports", async () => {
    const { fleet, t0 } = await seeded({ requeue: true });
    fleet.setNode("node-3", "offline", t0);
    fleet.addTask({ id: 3, node: "node-3", startedAt: t0 });
    fleet.addTask({ id: 4, node: "node-9", startedAt: t0 });
    fleet.setNode("node-9", "offline", t0);
    const dry = await fleet.at(minutesAfter(t0, 20), ["check", "stuck_tasks", "--node", "node-3", "--no-fix"]);
    assert.deepEqual(stuckResults(dry.doc).map((r) => [r.node, r.status]), [["node-3", "failed"]]);
    assert.equal(fleet.task(3).status, "running");
    assert.deepEqual(await fleet.stuckAlerts(minutesAfter(t0, 20)), []);

    const run = await fleet.at(minutesAfter(t0, 20), ["check", "stuck_tasks", "--node", "node-3"]);
    assert.deepEqual(stuckResults(run.doc).map((r) => [r.node, r.status]), [["node-3", "fixed"]]);
    assert.deepEqual([fleet.task(3).status, fleet.task(4).status], ["pending", "running"], "only the named node's task");
  });
});
