// `oyster nodes drain / undrain` against real sshd nodes and a real dispatch.db: the state
// dispatch reads, the guardian leaving it (and its unavailability) alone, who and why in status
// and the report, and the audit.
import assert from "node:assert/strict";
import { userInfo } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { inProcessCli } from "../../helpers/in-process-cli.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";

type Result = { check: string; node: string | null; status: string; detail: string; alert?: { id: string; status: string } };

function dispatchState(fleet: Fleet, node: string): string | undefined {
  const db = new Database(join(fleet.dispatchDir, "dispatch.db"), { readonly: true });
  try {
    return (db.prepare("SELECT state FROM nodes WHERE name = ?").get(node) as { state: string } | undefined)?.state;
  } finally {
    db.close();
  }
}

function stateDb<T>(fleet: Fleet, fn: (db: Database.Database) => T): T {
  const db = new Database(join(fleet.dataDir, "state.db"));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const me = `cli:${userInfo().username}`;

describe("oyster nodes drain / undrain", () => {
  let rig: Rig;
  let fleet: Fleet;
  before(async () => {
    rig = await startRig(3);
    fleet = makeFleet(rig, { ssh: { connectTimeoutMs: 1500 } });
    // The first guardian run creates dispatch.db and marks every node online.
    const first = await fleet.oyster(["check"]);
    assert.equal(first.code, 0, JSON.stringify(first.doc));
  });
  after(async () => rig?.close());

  it("drain node-1: dispatch.db says draining; guardian runs leave it draining and raise nothing while it is down; undrain makes it online; both audited", async () => {
    const drained = await fleet.oyster(["nodes", "drain", "node-1", "--reason", "kernel upgrade", "--yes"]);
    assert.equal(drained.code, 0, JSON.stringify(drained.doc));
    assert.deepEqual([drained.doc.from, drained.doc.to, drained.doc.changed], ["online", "draining", true]);
    assert.equal(dispatchState(fleet, "node-1"), "draining");

    // Healthy, then down for its maintenance: twice, enough to alert any other node.
    assert.equal((await fleet.oyster(["check"])).code, 0);
    assert.equal(dispatchState(fleet, "node-1"), "draining");
    await rig.node("node-1").stop();
    try {
      for (let run = 0; run < 2; run++) {
        const r = await fleet.oyster(["check"]);
        const mine = (r.doc.results as Result[]).filter((x) => x.node === "node-1");
        assert.deepEqual(mine.find((x) => x.check === "node_availability")?.status, "skipped");
        assert.match(mine.find((x) => x.check === "node_availability")!.detail, /^draining: does not answer: .*; not alerted while it drains$/);
        assert.deepEqual(mine.filter((x) => x.alert), [], "no alert for a draining node");
        assert.equal(r.code, 0, "a draining node that is down is not a failure");
        assert.equal(dispatchState(fleet, "node-1"), "draining", "not marked offline either");
      }
      assert.deepEqual((await fleet.oyster(["alerts"])).doc.alerts, []);
    } finally {
      await rig.node("node-1").start();
    }

    const status = await fleet.oyster(["status"]);
    assert.equal(status.doc.draining.length, 1);
    assert.deepEqual({ ...status.doc.draining[0], since: undefined }, { node: "node-1", by: me, reason: "kernel upgrade", since: undefined });
    const report = await fleet.oyster(["report"]);
    assert.deepEqual(report.doc.nodes.draining.map((d: { node: string; by: string; reason: string }) => [d.node, d.by, d.reason]), [["node-1", me, "kernel upgrade"]]);
    const text = inProcessCli(fleet.env);
    assert.match((await text(["status"])).stdout, new RegExp(`^draining: node-1 drained by ${me} since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC \\(kernel upgrade\\)$`, "m"));
    assert.match((await text(["report"])).stdout, new RegExp(`draining: node-1 drained by ${me} since .* \\(kernel upgrade\\)$`, "m"));

    const undrained = await fleet.oyster(["nodes", "undrain", "node-1", "--yes"]);
    assert.equal(undrained.code, 0, JSON.stringify(undrained.doc));
    assert.equal(dispatchState(fleet, "node-1"), "online");
    assert.deepEqual((await fleet.oyster(["status"])).doc.draining, []);

    const audit = stateDb(fleet, (db) => db.prepare("SELECT who, args, decision, outcome FROM audit WHERE command = 'nodes' ORDER BY id").all()) as Array<{ who: string; args: string; decision: string; outcome: string }>;
    assert.deepEqual(audit.map((a) => [a.who, JSON.parse(a.args), a.decision, a.outcome]), [
      [me, { action: "drain", name: "node-1", reason: "kernel upgrade" }, "confirmed", "ok"],
      [me, { action: "undrain", name: "node-1" }, "confirmed", "ok"],
    ]);
  });

  it("undrain gives a node the monitor still holds back to paused, not online", async () => {
    stateDb(fleet, (db) => db.prepare("INSERT INTO monitor_paused_nodes (node, account, paused_at, reason, resets_at) VALUES ('node-2', 'zai:glm', '2026-01-01T00:00:00Z', 'exhausted', NULL)").run());
    try {
      assert.equal((await fleet.oyster(["nodes", "drain", "node-2", "--yes"])).code, 0);
      const r = await fleet.oyster(["nodes", "undrain", "node-2", "--yes"]);
      assert.deepEqual([r.code, r.doc.to, r.doc.heldFor], [0, "paused", ["zai:glm"]]);
      assert.equal(dispatchState(fleet, "node-2"), "paused");
    } finally {
      stateDb(fleet, (db) => db.prepare("DELETE FROM monitor_paused_nodes").run());
      await fleet.oyster(["check"]);
    }
  });

  it("changes nothing for a node that is already draining, or not draining, and refuses an unknown node (exit 2)", async () => {
    assert.equal((await fleet.oyster(["nodes", "drain", "node-3", "--reason", "first", "--yes"])).code, 0);
    const again = await fleet.oyster(["nodes", "drain", "node-3", "--reason", "second", "--yes"]);
    assert.deepEqual([again.code, again.doc.changed, again.doc.record.reason], [0, false, "first"]);
    assert.equal((await fleet.oyster(["nodes", "undrain", "node-3", "--yes"])).code, 0);
    const notDraining = await fleet.oyster(["nodes", "undrain", "node-3", "--yes"]);
    assert.deepEqual([notDraining.code, notDraining.doc.changed, dispatchState(fleet, "node-3")], [0, false, "online"]);
    const unknown = await fleet.oyster(["nodes", "drain", "node-9", "--yes"]);
    assert.deepEqual([unknown.code, unknown.doc.error.code], [2, "UnknownNode"]);
  });

  it("says dispatch is not configured (exit 1) when there is no dispatch.db", async () => {
    const bare = makeFleet(rig);
    const r = await bare.oyster(["nodes", "drain", "node-1", "--yes"]);
    assert.equal(r.code, 1);
    assert.match(r.doc.error.message, /^dispatch not configured: .*dispatch\.db does not exist yet/);
  });
});
