// A hung node costs one timeout per guardian run, not three: the probe's dial (or a kept
// connection's stall) is the only wait; nothing dials it again in that run, the ssh_connection
// fix is not counted as tried, and requests within the backoff get the answer at once.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { runGuardian, type GuardianDeps } from "../../../jobs/guardian/run-guardian.ts";
import { Ledger } from "../../../jobs/guardian/ledger.ts";
import { alertBookFor } from "../../../src/alerts/alert-book-for.ts";
import { openRuntime, type Runtime } from "../../../src/runtime.ts";
import { createSshPool } from "../../../src/ssh/index.ts";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

describe("guardian and a hung node", () => {
  let rig: Rig;
  let fleet: Fleet;
  let rt: Runtime;
  let deps: GuardianDeps;
  let dials: string[];

  before(async () => {
    rig = await startRig(3);
    // The default 30 s command timeout: the probe must not wait that long on a stalled connection.
    // interval_seconds 5: requests leave a node that timed out alone for a minute all the same;
    // the guardian's probe dials it on every run regardless.
    fleet = makeFleet(rig, { ssh: { connectTimeoutMs: 1000, commandTimeoutMs: 30_000 }, guardian: { interval_seconds: 5, max_fix_attempts: 2 } });
  });
  beforeEach(async () => {
    await rig.node("node-2").resume();
    await rt?.close();
    rt = openRuntime({ processEnv: fleet.env, stderrLevel: "silent" });
    rt.store.db.exec("DELETE FROM check_state; DELETE FROM alerts; DELETE FROM fixes");
    // The runtime's pool, with a dial counter: every connection attempt is seen.
    dials = [];
    await rt.ssh.close();
    rt.ssh = createSshPool(rt.config, rt.log, fleet.env, { onDial: (n) => dials.push(n) });
    deps = { config: rt.config, ssh: rt.ssh, store: rt.store, log: rt.log, now: () => new Date(), dataDir: rt.env.dataDir, alerts: alertBookFor({ ...rt, dataDir: rt.env.dataDir, now: () => new Date() }) };
  });
  after(async () => {
    await rig?.node("node-2").resume();
    await rt?.close();
    await rig?.close();
  });

  const node2 = (report: Awaited<ReturnType<typeof runGuardian>>) => Object.fromEntries(report.results.filter((r) => r.node === "node-2").map((r) => [r.check, r]));
  const ledger = () => new Ledger(rt.store.db, () => new Date());

  it("a fresh dial to a hung sshd: one dial in the run, ssh_connection fails, its fix is not tried or counted", async () => {
    await rig.node("node-2").hang();
    const report = await runGuardian(deps, { fix: true });
    const mine = node2(report);
    assert.deepEqual(Object.fromEntries(Object.entries(mine).map(([k, r]) => [k, r.status])), { node_availability: "passed", ssh_connection: "failed", wrapper_version: "skipped", param_alignment: "skipped" });
    assert.deepEqual(dials.filter((n) => n === "node-2"), ["node-2"], "dialled once in the run");
    assert.match(mine.ssh_connection!.detail, /not dialled again this run/);
    assert.equal(ledger().get("ssh_connection", "node-2")?.fixAttempts, 0, "no fix attempt recorded");
  });

  it("a kept connection frozen mid-life: the stall is the run's one wait, no fresh dial follows", async () => {
    assert.equal((await runGuardian(deps, { fix: true })).ok, true);
    assert.ok(rt.ssh.isOpen("node-2"));
    const before = dials.length;
    await rig.node("node-2").hang();
    const report = await runGuardian(deps, { fix: true });
    const mine = node2(report);
    assert.equal(mine.ssh_connection!.status, "failed");
    assert.equal(mine.node_availability!.status, "passed");
    assert.match(mine.ssh_connection!.detail, /kept connection stalled: no answer within 1000 ms; not dialled again this run/);
    assert.deepEqual(dials.slice(before), [], "no dial at all in the run");
    assert.equal(ledger().get("ssh_connection", "node-2")?.fixAttempts, 0);
  });

  it("within the backoff other callers get the timeout at once, saying when; the incident opens after alertAfter runs and resolves when the node answers", async () => {
    await rig.node("node-2").hang();
    await runGuardian(deps, { fix: true });
    const afterRun = dials.length;
    await assert.rejects(rt.ssh.exec("node-2", "true"), (err: Error) => /^node-2: not answering since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(last timeout \d+ s ago: /.test(err.message));
    assert.equal(dials.length, afterRun, "the backoff answered without a dial");

    const second = await runGuardian(deps, { fix: true });
    assert.ok(node2(second).ssh_connection!.alert, "alerted after guardian.alertAfter (2) failing runs");
    assert.equal(ledger().get("ssh_connection", "node-2")?.fixAttempts, 0, "still nothing counted as tried");

    await rig.node("node-2").resume();
    // The next run's probe dials despite the request backoff: once the node answers, the alert resolves.
    const healed = await waitUntil(async () => node2(await runGuardian(deps, { fix: true })).ssh_connection?.status === "passed" || undefined, "the node answering again", 15_000);
    assert.ok(healed);
    const open = rt.store.db.prepare("SELECT COUNT(*) AS n FROM alerts WHERE node = 'node-2' AND status != 'resolved'").get() as { n: number };
    assert.equal(open.n, 0);
  });

  it("keepalive drops a frozen kept connection in the background, so the next run dials at once instead of waiting on it", async () => {
    const pool = createSshPool(rt.config, rt.log, fleet.env, { keepaliveMs: 200 });
    try {
      await pool.exec("node-2", "true");
      assert.ok(pool.isOpen("node-2"));
      await rig.node("node-2").hang();
      await waitUntil(() => !pool.isOpen("node-2") || undefined, "keepalive to drop the connection", 10_000);
    } finally {
      await pool.close();
    }
  });
});
