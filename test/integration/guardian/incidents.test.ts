// Incidents end to end against real sshd nodes: alert after N failures, fix budgets, host keys.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";

type Result = { check: string; node: string | null; status: string; detail: string; alert?: { id: string; status: string }; fixAttempts?: { made: number; max: number } };
const find = (doc: { results: Result[] }, check: string, node: string | null) => doc.results.find((r) => r.check === check && r.node === node);

function dispatchState(fleet: Fleet, node: string): string | undefined {
  const db = new Database(join(fleet.dispatchDir, "dispatch.db"), { readonly: true });
  try {
    return (db.prepare("SELECT state FROM nodes WHERE name = ?").get(node) as { state: string } | undefined)?.state;
  } finally {
    db.close();
  }
}

function alertFile(fleet: Fleet, id: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(fleet.dataDir, "guardian_alerts", `${id}.json`), "utf8")) as Record<string, unknown>;
}

describe("guardian incidents", () => {
  let rig: Rig;
  let fleet: Fleet;
  before(async () => {
    rig = await startRig(3);
    fleet = makeFleet(rig, { ssh: { connectTimeoutMs: 1500 } });
    // The first run creates dispatch.db (db_schema) and marks every node online.
    const first = await fleet.oyster(["check"]);
    assert.equal(first.code, 0, JSON.stringify(first.doc));
  });
  after(async () => rig?.close());

  it("a stopped node: no alert after the first failing run, one after the second; offline in dispatch; resolved and online when back", async () => {
    await rig.node("node-2").stop();
    const run1 = await fleet.oyster(["check"]);
    assert.equal(run1.code, 1);
    const r1 = find(run1.doc, "node_availability", "node-2")!;
    assert.equal(r1.status, "failed");
    assert.equal(r1.alert, undefined);
    assert.deepEqual(["ssh_connection", "wrapper_version", "param_alignment"].map((c) => find(run1.doc, c, "node-2")?.detail), ["node unreachable", "node unreachable", "node unreachable"]);
    assert.equal(dispatchState(fleet, "node-2"), "offline");
    assert.equal(dispatchState(fleet, "node-1"), "online");

    const run2 = await fleet.oyster(["check"]);
    const alert = find(run2.doc, "node_availability", "node-2")!.alert!;
    assert.equal(alert.status, "open");
    const file = alertFile(fleet, alert.id);
    assert.deepEqual([file.source, file.check, file.node, file.severity, file.status], ["guardian", "node_availability", "node-2", "critical", "open"]);
    const open = await fleet.oyster(["alerts"]);
    assert.equal(open.doc.alerts.length, 1, "one alert for a down node, not one per check");

    await rig.node("node-2").start();
    const run3 = await fleet.oyster(["check"]);
    assert.equal(run3.code, 0);
    assert.deepEqual(find(run3.doc, "node_availability", "node-2")?.alert, { id: alert.id, status: "resolved" });
    assert.equal(alertFile(fleet, alert.id).status, "resolved");
    assert.equal(dispatchState(fleet, "node-2"), "online");
  });

  it("a fix that cannot succeed is tried exactly max_fix_attempts times, then stops and says so", async () => {
    fleet.putOnNode("node-3", "task-wrapper.sh", "#!/bin/sh\n# old\n", 0o755);
    await rig.node("node-3").setReadOnly(true);
    try {
      const runs = [];
      for (let i = 0; i < 4; i++) runs.push(find((await fleet.oyster(["check", "wrapper_version"])).doc, "wrapper_version", "node-3")!);
      assert.deepEqual(runs.map((r) => r.fixAttempts), [{ made: 1, max: 2 }, { made: 2, max: 2 }, { made: 2, max: 2 }, { made: 2, max: 2 }]);
      assert.match(runs[0]!.detail, /fix attempt 1 of 2 failed: .*Permission denied/);
      assert.match(runs[1]!.detail, /fix attempt 2 of 2 failed: .*; auto-fix stopped for this incident$/);
      assert.match(runs[2]!.detail, /auto-fix stopped for this incident after 2 failed attempt\(s\)$/);
      assert.equal(runs[0]!.alert, undefined);
      assert.equal(runs[1]!.alert?.status, "open");
      const file = alertFile(fleet, runs[1]!.alert!.id);
      assert.match(String(file.message), /^node-3: wrapper_version: .*auto-fix stopped for this incident/);
      assert.equal(file.attempts, 2);
    } finally {
      await rig.node("node-3").setReadOnly(false);
    }
    const healed = find((await fleet.oyster(["check", "wrapper_version"])).doc, "wrapper_version", "node-3")!;
    assert.equal(healed.status, "failed", "the budget stays spent until the check has passed twice");
  });

  it("a changed host key: critical alert on the first run, no fix, no connection, known_hosts untouched", async () => {
    const known = readFileSync(join(rig.knownHostsPath));
    await rig.node("node-1").rekey();
    const run = await fleet.oyster(["check"]);
    const r = find(run.doc, "ssh_connection", "node-1")!;
    assert.equal(r.status, "failed");
    assert.match(r.detail, /HOST KEY CHANGED.*never accepted automatically/);
    assert.equal(r.fixAttempts, undefined);
    assert.equal(r.alert?.status, "open");
    assert.equal(alertFile(fleet, r.alert!.id).severity, "critical");
    assert.equal(find(run.doc, "node_availability", "node-1")?.status, "passed");
    assert.equal(find(run.doc, "wrapper_version", "node-1")?.detail, "node unreachable");
    assert.deepEqual(readFileSync(rig.knownHostsPath), known);
    assert.ok(existsSync(join(fleet.dataDir, "state.db")));
  });
});
