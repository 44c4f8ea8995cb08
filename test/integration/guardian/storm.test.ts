// Half the fleet failing at once is a storm: one grouped alert, no fixes; drift is never a storm.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";

type Result = { check: string; node: string | null; status: string; detail: string; alert?: { id: string; status: string }; fixAttempts?: unknown };

describe("guardian storm guard", () => {
  let rig: Rig;
  let fleet: Fleet;
  before(async () => {
    rig = await startRig(6);
    fleet = makeFleet(rig, { ssh: { connectTimeoutMs: 1500 } });
    assert.equal((await fleet.oyster(["check"])).code, 0);
  });
  after(async () => rig?.close());

  it("half of 6 nodes stopped at once: one grouped alert naming them, no fix attempted, dispatch left alone", async () => {
    const down = ["node-2", "node-4", "node-6"];
    for (const n of down) await rig.node(n).stop();
    try {
      const run1 = await fleet.oyster(["check"]);
      assert.deepEqual(run1.doc.storm, down);
      const run2 = await fleet.oyster(["check"]);
      const storm = run2.doc.results.find((r: Result) => r.check === "storm") as Result;
      assert.equal(storm.status, "failed");
      assert.equal(storm.alert?.status, "open");
      const alerts = (await fleet.oyster(["alerts"])).doc.alerts as Array<{ id: string; check: string; node: string | null; nodes: string[] }>;
      assert.deepEqual(alerts.map((a) => [a.check, a.node, a.nodes]), [["storm", null, down]]);
      const reach = run2.doc.results.filter((r: Result) => ["node_availability", "ssh_connection"].includes(r.check) && down.includes(r.node ?? ""));
      assert.ok(reach.every((r: Result) => r.fixAttempts === undefined && !r.alert));
      assert.deepEqual(run2.doc.dispatchNodeChanges, []);
    } finally {
      for (const n of down) await rig.node(n).start();
    }
    const calm = await fleet.oyster(["check"]);
    assert.equal(calm.doc.storm, null);
    assert.equal(calm.doc.results.find((r: Result) => r.check === "storm")?.alert?.status, "resolved");
  });

  it("a changed task-wrapper.sh on the controller is pushed to all 6 (drift is not a storm)", async () => {
    const next = "#!/bin/sh\n# task-wrapper v2\nexec \"$@\"\n";
    writeFileSync(join(fleet.dispatchDir, "task-wrapper.sh"), next);
    const run = await fleet.oyster(["check", "wrapper_version"]);
    assert.equal(run.code, 0);
    assert.deepEqual(run.doc.results.map((r: Result) => r.status), Array(6).fill("fixed"));
    for (const n of rig.nodes) assert.equal(readFileSync(join(n.dispatchDir, "task-wrapper.sh"), "utf8"), next);
  });
});
