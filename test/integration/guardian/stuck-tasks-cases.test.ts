// stuck_tasks' other cases on real sshd nodes: running too long (the default and a project's own
// limit), a task.log on the node that stopped growing, many at once, and the fix budget.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { minutesAfter, stuckFleet, stuckResults } from "./stuck-tasks-fixture.ts";

const SECRET = "sk-stuck-test-0123456789";

describe("guardian stuck_tasks: running long, silent logs, many at once, the fix budget", () => {
  let rig: Rig;
  before(async () => {
    rig = await startRig(2);
  });
  after(async () => rig?.close());

  it("a task running longer than maxRunMinutes (or its project's own) is alerted and, not being the offline case, never requeued", async () => {
    const fleet = stuckFleet(rig, { maxRunMinutes: 240, requeue: true });
    const t0 = new Date();
    assert.equal((await fleet.at(t0, ["check"])).code, 0);
    writeFileSync(join(fleet.configDir, "projects.json"), JSON.stringify({ projects: [{ name: "web" }, { name: "batch", maxRunMinutes: 30 }, { name: "odd", maxRunMinutes: "soon" }] }));
    fleet.addTask({ id: 1, node: "node-9", startedAt: minutesAfter(t0, -241) });
    fleet.addTask({ id: 2, node: "node-9", startedAt: minutesAfter(t0, -239) });
    fleet.addTask({ id: 3, project: "batch", node: "node-9", startedAt: minutesAfter(t0, -31) });
    fleet.addTask({ id: 4, project: "odd", node: "node-9", startedAt: minutesAfter(t0, -31) });
    const run = await fleet.at(t0, ["check", "stuck_tasks"]);
    const rs = stuckResults(run.doc);
    assert.deepEqual(rs.map((r) => [r.detail.split(" ")[0], r.status, r.fixAttempts]), [["web/1", "failed", undefined], ["batch/3", "failed", undefined]]);
    assert.match(rs[0]!.detail, /^web\/1 on node-9, running for 4h 1m: longer than its limit of 240m; /);
    assert.match(rs[1]!.detail, /^batch\/3 on node-9, running for 31m: longer than its limit of 30m; /);
    const warned = readFileSync(join(fleet.dataDir, "logs", "oyster.log"), "utf8").split("\n").filter((l) => l.includes("maxRunMinutes is not a positive number"));
    assert.deepEqual(warned.map((l) => JSON.parse(l).project), ["odd"], "once in the run, for the project whose value is not a number");
    assert.deepEqual([1, 2, 3, 4].map((id) => fleet.task(id).status), ["running", "running", "running", "running"]);
    assert.deepEqual(fleet.requeueAudit(), []);
    const alerts = await fleet.stuckAlerts(t0);
    assert.deepEqual(alerts.map((a) => [a.check, a.status]).sort(), [["stuck_tasks:batch:3", "open"], ["stuck_tasks:web:1", "open"]]);
    assert.deepEqual(alerts.find((a) => a.check === "stuck_tasks:web:1").actions, [{ label: "Show logs", argv: ["logs", "task", "web", "1"], private: true }]);

    fleet.setTask(1, "done");
    await fleet.at(minutesAfter(t0, 5), ["check", "stuck_tasks"]);
    const later = await fleet.stuckAlerts(minutesAfter(t0, 5));
    const web = later.find((a) => a.check === "stuck_tasks:web:1");
    assert.deepEqual([web.status, web.message], ["resolved", "node-9: stuck_tasks: web/1 no longer running there"]);
  });

  it("a task whose task.log on its node has not grown for maxRunMinutes: alerted with its last line scrubbed; a link is never read", async () => {
    const fleet = stuckFleet(rig, { maxRunMinutes: 240 }, { oyster: { monitor: { providers: { anthropic: [{ label: "main", keyEnv: "STUCK_TEST_KEY" }] } } } });
    const now = new Date();
    assert.equal((await fleet.at(now, ["check"])).code, 0);
    const node = rig.node("node-1").dispatchDir;
    for (const id of ["5", "6", "8"]) mkdirSync(join(node, "web", "tasks", id), { recursive: true });
    fleet.putOnNode("node-1", "web/tasks/5/task.log", `starting\n\u001b[31mwaiting for lock\u001b[0m with key ${SECRET}\n\n`);
    execFileSync("touch", ["-d", "5 hours ago", join(node, "web", "tasks", "5", "task.log")]);
    fleet.putOnNode("node-1", "web/tasks/6/task.log", "still writing\n");
    fleet.putOnNode("node-1", "private.txt", `TOPSECRET ${SECRET}\n`);
    symlinkSync(join(node, "private.txt"), join(node, "web", "tasks", "8", "task.log"));
    for (const id of [5, 6]) fleet.addTask({ id, node: "node-1", startedAt: minutesAfter(now, -10) });
    fleet.addTask({ id: 8, node: "node-1", startedAt: minutesAfter(now, -300) });

    const run = await fleet.at(now, ["check"], { ...fleet.env, STUCK_TEST_KEY: SECRET });
    const rs = stuckResults(run.doc);
    assert.deepEqual(rs.map((r) => r.detail.split(" ")[0]), ["web/8", "web/5"]);
    assert.match(rs[1]!.detail, /^web\/5 on node-1, running for 10m: task\.log not written for 5h 0m \(limit 240m\); last log line: "\[31mwaiting for lock \[0m with key \[REDACTED\]"$/);
    assert.match(rs[0]!.detail, /; task\.log not read \(refused: task\.log is a link\)$/);
    for (const a of await fleet.stuckAlerts(now)) {
      const file = readFileSync(join(fleet.dataDir, "guardian_alerts", `${a.id}.json`), "utf8");
      assert.ok(!file.includes(SECRET) && !file.includes("TOPSECRET") && !file.includes("\\u001b"), file);
    }
  });

  it("more than 5 stuck tasks in a run are one grouped alert listing them; back to one alert each when fewer", async () => {
    const fleet = stuckFleet(rig, {});
    const t0 = new Date();
    assert.equal((await fleet.at(t0, ["check"])).code, 0);
    for (let id = 1; id <= 6; id++) fleet.addTask({ id, node: id % 2 ? "node-8" : "node-9", startedAt: minutesAfter(t0, -300 - id) });
    const run = await fleet.at(t0, ["check", "stuck_tasks"]);
    const ids = new Set(stuckResults(run.doc).map((r) => r.alert?.id));
    assert.equal(ids.size, 1, "every task names the one grouped alert");
    const [grouped] = await fleet.stuckAlerts(t0);
    assert.deepEqual([grouped.check, grouped.node, grouped.nodes, grouped.status], ["stuck_tasks", null, ["node-8", "node-9"], "open"]);
    assert.match(grouped.message, /^fleet: stuck_tasks: 6 tasks stuck: web\/6 on node-9, running for 5h 6m: [^|]+ \| web\/5 on node-8, [^|]+( \| [^|]+){3} \| web\/1 on node-8, running for 5h 1m: [^|]+$/);
    assert.equal((await fleet.stuckAlerts(t0)).length, 1);

    for (const id of [1, 2, 3]) fleet.setTask(id, "failed");
    await fleet.at(minutesAfter(t0, 5), ["check", "stuck_tasks"]);
    const after = await fleet.stuckAlerts(minutesAfter(t0, 5));
    assert.deepEqual(after.map((a) => [a.check, a.status]).sort(), [["stuck_tasks", "resolved"], ["stuck_tasks:web:4", "open"], ["stuck_tasks:web:5", "open"], ["stuck_tasks:web:6", "open"]]);
    assert.equal(after.find((a) => a.check === "stuck_tasks").message, "fleet: stuck_tasks: 3 stuck now, alerted one by one");
  });

  it("a requeue that keeps failing stops after max_fix_attempts and offers Re-arm; re-armed, the alert's Requeue task command puts the task back", async () => {
    const fleet = stuckFleet(rig, { requeue: true });
    const t0 = new Date();
    assert.equal((await fleet.at(t0, ["check"])).code, 0);
    fleet.setNode("node-2", "offline", t0);
    fleet.addTask({ id: 9, node: "node-2", startedAt: t0 });
    rmSync(join(fleet.dataDir, "snapshots"), { recursive: true, force: true });
    writeFileSync(join(fleet.dataDir, "snapshots"), "not a directory: the snapshot cannot be taken\n");
    const details: string[] = [];
    for (const m of [20, 21, 22]) details.push(stuckResults((await fleet.at(minutesAfter(t0, m), ["check", "stuck_tasks"])).doc)[0]!.detail);
    assert.match(details[0]!, /; fix attempt 1 of 2 failed: .+$/);
    assert.match(details[1]!, /; fix attempt 2 of 2 failed: .+; auto-fix stopped for this incident$/);
    assert.match(details[2]!, /; auto-fix stopped for this incident after 2 failed attempt\(s\)$/);
    assert.deepEqual([fleet.task(9).status, fleet.requeueAudit()], ["running", []], "no snapshot, no write");
    const [alert] = await fleet.stuckAlerts(minutesAfter(t0, 22));
    assert.deepEqual([alert.status, alert.attempts], ["open", 2]);
    const requeue = { label: "Requeue task", argv: ["check", "stuck_tasks", "--node", "node-2"] };
    assert.deepEqual(alert.actions, [requeue, { label: "Re-arm fixes", argv: ["check", "--rearm", "stuck_tasks", "--node", "node-2"] }]);

    rmSync(join(fleet.dataDir, "snapshots"));
    assert.equal((await fleet.at(minutesAfter(t0, 23), ["check", "--rearm", "stuck_tasks", "--node", "node-2"])).code, 0);
    const click = await fleet.at(minutesAfter(t0, 23), requeue.argv);
    assert.equal(stuckResults(click.doc)[0]?.status, "fixed");
    assert.deepEqual([fleet.task(9).status, fleet.task(9).attempts, fleet.requeueAudit().length], ["pending", 1, 1]);
  });
});
