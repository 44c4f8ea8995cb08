import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildReport } from "../../../src/report/build-report.ts";
import { renderBlocks } from "../../../src/report/render/blocks.ts";
import { renderHtml } from "../../../src/report/render/html.ts";
import { renderText } from "../../../src/report/render/text.ts";
import type { DailyReport, Reachability, TasksOk } from "../../../src/report/types.ts";
import { install, now, populated, REACH, writeDispatchDb, type Install } from "./fixture.ts";
import { matchSnapshot } from "./snapshot.ts";

const build = (inst: Install, reach: Reachability[] = REACH) =>
  buildReport({ config: inst.config, store: inst.store, now, reachability: async () => reach });

function tasksOf(r: DailyReport): TasksOk {
  assert.equal(r.tasks.state, "ok", JSON.stringify(r.tasks));
  return r.tasks as TasksOk;
}

describe("daily report", () => {
  it("matches the committed text, HTML, Block Kit and JSON for a populated install", async () => {
    const r = await build(await populated());
    matchSnapshot("report.txt", `${renderText(r)}\n`);
    matchSnapshot("report.html", renderHtml(r));
    matchSnapshot("report.blocks.json", `${JSON.stringify(renderBlocks(r), null, 2)}\n`);
    matchSnapshot("report.json", `${JSON.stringify(r, null, 2)}\n`);
  });

  it("opens with a headline that names nodes up, tasks failed and alerts open", async () => {
    const r = await build(await populated());
    assert.equal(r.headline, "Oyster daily report 2026-11-27: 3/4 nodes up, 4 tasks failed, 2 alerts open");
    assert.equal(renderText(r).split("\n")[0], r.headline);
  });

  it("counts only tasks created or finished in the last 24 h", async () => {
    const t = tasksOf(await build(await populated()));
    assert.equal(t.total, 12);
    assert.deepEqual(t.byStatus, { pending: 1, running: 1, done: 5, failed: 4, cancelled: 1 });
    assert.deepEqual(t.byProject.map((p) => [p.project, p.total, p.byStatus.failed]), [["api", 5, 2], ["web", 7, 2]]);
    assert.ok(!t.failures.some((f) => f.error === "OLD FAILURE"), "a failure from 29 h ago is not today's");
    assert.ok(t.failures.some((f) => f.error === "timed out after 28 h"), "queued before the window, failed inside it");
    assert.ok(!t.byProject.some((p) => p.project === "legacy"));
  });

  it("names failures newest first, errors flattened to one line", async () => {
    const t = tasksOf(await build(await populated()));
    assert.deepEqual(t.failures.map((f) => [f.project, f.node]), [["web", "node-c"], ["api", "node-d"], ["web", "node-b"], ["api", "node-a"]]);
    assert.equal(t.failures[3]?.error, 'Traceback (most recent call last): File "run.py", line 3 ValueError: bad input');
  });

  it("reads dispatch's space-separated times as UTC", async () => {
    const inst = install();
    writeDispatchDb(inst.dispatchDir, [{ project: "api", status: "failed", created: "2026-11-27 01:00:00", finished: "2026-11-27 02:00:00" }]);
    const t = tasksOf(await build(inst));
    assert.equal(t.failures[0]?.finishedAt, "2026-11-27T02:00:00.000Z");
  });

  it("copes with the old dispatch schema (no error column): failures named, errors not recorded", async () => {
    const r = await build(await populated({ schema: "old" }));
    const t = tasksOf(r);
    assert.equal(t.errorsRecorded, false);
    assert.equal(t.failed, 4);
    assert.ok(t.failures.every((f) => f.error === null));
    assert.match(renderText(r), /errors: not recorded \(old dispatch schema\)/);
  });

  it("reports uptime from the guardian's samples in the window and who is down now", async () => {
    const r = await build(await populated());
    assert.deepEqual(r.nodes.nodes.map((n) => [n.node, n.up, n.uptimePercent]), [
      ["node-b", false, 75],
      ["node-a", true, 100],
      ["node-c", true, 95.8],
      ["node-d", true, null],
    ]);
    assert.equal(r.nodes.fleetUptimePercent, 90.3);
    assert.match(renderText(r), /down now: node-b: SshTimeout/);
  });

  it("lists the resources over a guardian.resources line now, critical first, and counts the nodes in the summary", async () => {
    const r = await build(await populated());
    assert.deepEqual(r.nodes.nodes.find((n) => n.node === "node-c")?.overThreshold, [
      { check: "memory", severity: "critical", reading: "memory 3% available (307 MiB of 8 GiB)" },
      { check: "disk:/", severity: "warning", reading: "disk / 93% used (46.5 of 50 GiB)" },
      { check: "inodes:/home", severity: "warning", reading: "inodes /home 88% used" },
    ]);
    assert.equal(r.nodes.nodes.find((n) => n.node === "node-a")?.overThreshold, undefined);
    const text = renderText(r);
    assert.match(text, /^Nodes +3\/4 up now, 1 down, 1 over a resource threshold$/m);
    assert.match(text, /over a resource threshold: node-c: memory 3% available \(307 MiB of 8 GiB\) \(critical\)\n +node-c: disk \/ 93% used/);
  });

  it("counts alerts opened and resolved in the window and lists every one still open", async () => {
    const { alerts } = await build(await populated());
    assert.deepEqual([alerts.opened, alerts.resolved, alerts.stillOpen], [2, 1, 2]);
    assert.deepEqual(alerts.open.map((a) => [a.check, a.status]), [["node_availability", "open"], ["param_alignment", "acknowledged"]]);
  });

  it("lists fixes, backup, sync and jobs from state.db", async () => {
    const r = await build(await populated());
    assert.deepEqual([r.fixes.total, r.fixes.ok, r.fixes.failed], [2, 1, 1]);
    assert.deepEqual(r.backup.state === "ok" && [r.backup.file, r.backup.ageSeconds, r.backup.verified], ["dispatch-20261127-031800.db", 20520, true], "the daily backup, not a newer safety copy");
    assert.equal(r.sync.state === "ok" && r.sync.summary, "pushed task-wrapper.sh to node-c; 2 nodes unchanged", "a skipped run says nothing about the nodes");
    assert.deepEqual(r.jobs.jobs.map((j) => [j.job, j.runs, j.failed, j.caughtUp]), [["backup", 1, 0, 1], ["guardian", 3, 1, 0], ["sync", 3, 1, 0]]);
    assert.equal(r.quota.state, "configured");
  });

  it("says plainly when the last backup failed its verification", async () => {
    const inst = await populated();
    inst.store.db.prepare("UPDATE snapshots SET verdict = 'corrupt' WHERE file = 'dispatch-20261127-031800.db'").run();
    const r = await build(inst);
    assert.equal(r.backup.state === "ok" && r.backup.verified, false);
    assert.match(renderText(r), /^Backup +5h 42m ago, 12\.3 MiB, NOT verified \(corrupt\)$/m);
  });

  it("says not configured everywhere for an empty install, in every rendering", async () => {
    const inst = install({ nodes: [], dispatch: "none" });
    const r = await build(inst, []);
    assert.equal(r.headline, "Oyster daily report 2026-11-27: no nodes configured, dispatch not configured, no alerts open");
    assert.deepEqual([r.tasks.state, r.backup.state, r.sync.state, r.quota.state], ["not-configured", "not-configured", "not-configured", "not-configured"]);
    const text = renderText(r);
    for (const title of ["Nodes", "Tasks", "API quota", "Backup", "Sync"]) assert.match(text, new RegExp(`^${title} +(no nodes configured|not configured)`, "m"));
    assert.match(renderHtml(r), /not configured/);
    assert.ok(renderBlocks(r).length > 0);
  });

  it("says the database is not there yet when dispatch.dir exists without dispatch.db", async () => {
    const r = await build(install());
    assert.equal(r.tasks.state, "unavailable");
    assert.equal(r.backup.state, "none");
    assert.match(renderText(r), /^Tasks +unavailable: dispatch\.db does not exist yet/m);
  });

  it("keeps every JSON time in UTC and every quantity a number", async () => {
    const r = await build(await populated());
    const times = [r.generatedAt, r.since, ...r.alerts.open.map((a) => a.firstSeen), ...r.fixes.fixes.map((f) => f.at), ...tasksOf(r).failures.map((f) => f.finishedAt ?? "")];
    for (const t of times) assert.match(t, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(typeof r.nodes.up, "number");
    assert.equal(r.backup.state === "ok" && typeof r.backup.bytes, "number");
  });
});
