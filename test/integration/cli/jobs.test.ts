// `oyster jobs` and `oyster run` in-process against a real state.db and real sshd nodes.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { makeFleet, WRAPPER_V1, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";

describe("oyster jobs / run", () => {
  let rig: Rig;
  let fleet: Fleet;
  before(async () => {
    rig = await startRig(1);
    fleet = makeFleet(rig);
  });
  after(async () => rig?.close());

  it("lists every job with its schedule, never run yet, and the next run", async () => {
    const { code, doc } = await fleet.oyster(["jobs"]);
    assert.equal(code, 0);
    assert.equal(doc.bot, null);
    const guardian = doc.jobs.find((j: { name: string }) => j.name === "guardian");
    assert.deepEqual([guardian.schedule, guardian.lastRun], ["every 300 s", null]);
    assert.match(guardian.nextRun, /^\d{4}-\d\d-\d\dT/);
  });

  it("runs a job now, records and audits it, and jobs shows the outcome; the guardian changes nodes, so it asks first", async () => {
    fleet.putOnNode("node-1", "task-wrapper.sh", "#!/bin/sh\n# stale\n", 0o755);
    const refused = await fleet.oyster(["run", "guardian"]);
    assert.equal(refused.code, 3, "no terminal and no --yes: not confirmed");
    assert.match(readFileSync(join(rig.node("node-1").dispatchDir, "task-wrapper.sh"), "utf8"), /stale/, "nothing pushed");
    const { code, doc } = await fleet.oyster(["run", "guardian", "--yes"]);
    assert.equal(code, 0, JSON.stringify(doc));
    assert.deepEqual([doc.job, doc.outcome], ["guardian", "ok"]);
    assert.equal(readFileSync(join(rig.node("node-1").dispatchDir, "task-wrapper.sh"), "utf8"), WRAPPER_V1);
    const listed = (await fleet.oyster(["jobs"])).doc.jobs.find((j: { name: string }) => j.name === "guardian");
    assert.deepEqual([listed.lastRun.outcome, listed.lastRun.trigger], ["ok", "manual"]);
    const audit = (await fleet.oyster(["audit"])).doc.entries;
    assert.deepEqual(audit.map((e: { command: string; args: unknown; decision: string; outcome: string }) => [e.command, e.args, e.decision, e.outcome]), [["run", { job: "guardian" }, "refused", "refused"], ["run", { job: "guardian" }, "confirmed", "ok"]]);
  });

  it("rejects an unknown job name with exit 2", async () => {
    const { code, doc } = await fleet.oyster(["run", "frobnicate"]);
    assert.equal(code, 2);
    assert.match(doc.error.message, /"frobnicate": not a job; one of guardian/);
  });
});
