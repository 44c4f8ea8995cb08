// A node whose sshd hangs is blamed on ssh_connection whether or not the guardian held a kept
// connection to it when the hang began (the bot does; a fresh `oyster check` does not).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { runGuardian, type GuardianDeps } from "../../../jobs/guardian/run-guardian.ts";
import { alertBookFor } from "../../../src/alerts/alert-book-for.ts";
import { openRuntime, type Runtime } from "../../../src/runtime.ts";
import { makeFleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";

describe("guardian and a hung node", () => {
  let rig: Rig;
  let rt: Runtime;
  let deps: GuardianDeps;
  before(async () => {
    rig = await startRig(3);
    // The default 30 s command timeout: the probe must not wait that long on a stalled connection.
    const fleet = makeFleet(rig, { ssh: { connectTimeoutMs: 1000, commandTimeoutMs: 30_000 } });
    rt = openRuntime({ processEnv: fleet.env, stderrLevel: "silent" });
    deps = { config: rt.config, ssh: rt.ssh, store: rt.store, log: rt.log, now: () => new Date(), dataDir: rt.env.dataDir, alerts: alertBookFor({ ...rt, dataDir: rt.env.dataDir, now: () => new Date() }) };
  });
  after(async () => {
    await rig?.node("node-2").resume();
    await rt?.close();
    await rig?.close();
  });

  it("blames ssh_connection, not node_availability, on a hang that stalls a kept connection", async () => {
    assert.equal((await runGuardian(deps, { fix: true })).ok, true);
    assert.ok(rt.ssh.isOpen("node-2"));
    await rig.node("node-2").hang();
    const started = performance.now();
    const report = await runGuardian(deps, { fix: true });
    const elapsed = performance.now() - started;
    const mine = Object.fromEntries(report.results.filter((r) => r.node === "node-2").map((r) => [r.check, r.status]));
    assert.deepEqual(mine, { node_availability: "passed", ssh_connection: "failed", wrapper_version: "skipped", param_alignment: "skipped" });
    assert.ok(elapsed < 10_000, `the probe is bounded by the connect timeout, not the 30 s command timeout (took ${Math.round(elapsed)} ms)`);
  });
});
