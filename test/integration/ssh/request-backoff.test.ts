// Known-hung nodes cost requests nothing: once a node timed out (a dial, or a kept connection that
// stalled), commands do not dial it for a minute, whatever the guardian's period (10 s here), and
// say "not answering since <time>" at once; the guardian's probe dials it on every run, and the
// probe that gets an answer lets requests dial again. Real sshd nodes (the rig), hung by SIGSTOP;
// dials counted with the pool's onDial; the pool's clock is a fake the test moves.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { status, type StatusData } from "../../../commands/status.ts";
import { runGuardian, type GuardianDeps } from "../../../jobs/guardian/run-guardian.ts";
import { alertBookFor } from "../../../src/alerts/alert-book-for.ts";
import type { CommandContext } from "../../../src/command/types.ts";
import type { OysterError } from "../../../src/errors.ts";
import { utcSecond } from "../../../src/render/utc-time.ts";
import { openRuntime, type Runtime } from "../../../src/runtime.ts";
import { createSshPool, type SshPool } from "../../../src/ssh/index.ts";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { waitUntil } from "../../helpers/wait-until.ts";
import { plainView } from "../../../src/render/view.ts";

const T0 = Date.parse("2026-11-27T03:00:12.000Z");
const NOT_ANSWERING = /^node-2: not answering since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/;

describe("requests and a node that timed out", () => {
  let rig: Rig;
  let fleet: Fleet;
  let rt: Runtime;
  let pool: SshPool;
  let dials: string[];
  let clock: number;
  const node2Dials = () => dials.filter((n) => n === "node-2").length;

  before(async () => {
    rig = await startRig(2);
    // A 10 s period: the old backoff (half the period) would have let requests dial after 5 s.
    fleet = makeFleet(rig, { ssh: { connectTimeoutMs: 1000, commandTimeoutMs: 5000 }, guardian: { interval_seconds: 10 } });
    rt = openRuntime({ processEnv: fleet.env, stderrLevel: "silent" });
    await rt.ssh.close();
  });
  beforeEach(async () => {
    await rig.node("node-2").resume();
    await pool?.close();
    dials = [];
    clock = T0;
    pool = createSshPool(rt.config, rt.log, fleet.env, { onDial: (n) => dials.push(n), now: () => clock });
    rt.ssh = pool;
  });
  after(async () => {
    await rig?.node("node-2").resume();
    await pool?.close();
    rt?.store.close();
    await rig?.close();
  });

  const ctx = (): CommandContext => ({
    config: rt.config, store: rt.store, ssh: pool, log: rt.log, caller: { who: "cli:test", via: "cli", role: "admin" },
    now: () => new Date(clock), env: fleet.env, dataDir: rt.env.dataDir, commands: [],
  });
  const node2 = (data: StatusData) => data.nodes.find((n) => n.name === "node-2")!;
  const guardianDeps = (): GuardianDeps => {
    const base = { config: rt.config, store: rt.store, log: rt.log, now: () => new Date(), dataDir: rt.env.dataDir };
    return { ...base, ssh: pool, alerts: alertBookFor(base) };
  };
  const guardianSaysNode2 = async () => (await runGuardian(guardianDeps(), { fix: true })).results.find((r) => r.node === "node-2" && r.check === "ssh_connection")!;

  it("after one request times out, status within 60 s dials no more and reports the node not answering since that dial (exit 1), even with a 10 s guardian period", async () => {
    await rig.node("node-2").hang();
    const first = await status.run(ctx(), { nodes: [] });
    assert.equal(node2(first.data).errorCode, "SshTimeout");
    assert.equal(node2Dials(), 1);

    clock = T0 + 30_000;
    const second = await status.run(ctx(), { nodes: [] });
    assert.equal(second.ok, false, "status still fails (exit 1) for the unreachable node");
    assert.deepEqual([node2(second.data).reachable, node2(second.data).errorCode], [false, "SshTimeout"]);
    assert.match(node2(second.data).error!, NOT_ANSWERING);
    assert.ok(node2(second.data).error!.startsWith(`node-2: not answering since ${utcSecond(T0)}`), node2(second.data).error);
    assert.match(status.text!(second.data, plainView()), /^node-2\s+DOWN\s+-\s+-\s+SshTimeout: node-2: not answering since /m);
    assert.equal(node2Dials(), 1, "no dial within the backoff");

    clock = T0 + 59_999;
    await assert.rejects(pool.exec("node-2", "true"), (err: Error) => NOT_ANSWERING.test(err.message));
    assert.equal(node2Dials(), 1, "still none a moment before the minute is up");

    clock = T0 + 60_000;
    await assert.rejects(pool.exec("node-2", "true"), (err: OysterError) => err.details.phase === "connect");
    assert.equal(node2Dials(), 2, "dialled again once the minute is up");
  });

  it("the guardian's runs still dial a node that requests leave alone, one dial per run", async () => {
    await rig.node("node-2").hang();
    await assert.rejects(pool.exec("node-2", "true"), { code: "SshTimeout" });
    assert.equal(node2Dials(), 1);
    for (const run of [1, 2]) {
      const r = await guardianSaysNode2();
      assert.equal(r.status, "failed");
      assert.equal(node2Dials(), 1 + run, `guardian run ${run} dialled node-2 once`);
    }
    await assert.rejects(pool.exec("node-2", "true"), (err: Error) => NOT_ANSWERING.test(err.message));
    assert.equal(node2Dials(), 3, "requests in between still dial nothing");
  });

  it("once the node answers the guardian's probe again, requests dial it again at once", async () => {
    await rig.node("node-2").hang();
    await assert.rejects(pool.exec("node-2", "true"), { code: "SshTimeout" });
    await rig.node("node-2").resume();
    // Back, but nobody has heard it yet: requests still leave it alone.
    await assert.rejects(pool.exec("node-2", "true"), (err: Error) => NOT_ANSWERING.test(err.message));
    assert.equal(node2Dials(), 1);

    assert.equal((await guardianSaysNode2()).status, "passed");
    assert.equal(node2Dials(), 2, "the probe dialled");
    assert.equal(pool.notAnsweringSince("node-2"), undefined);
    pool.drop("node-2");
    assert.equal((await pool.exec("node-2", "echo back")).stdout, "back\n");
    assert.equal(node2Dials(), 3, "a request dialled it, within the minute");
  });

  it("a kept connection that stalls counts as a timeout from when the unanswered command was sent", async () => {
    await pool.exec("node-2", "true");
    assert.equal(node2Dials(), 1);
    await rig.node("node-2").hang();
    clock = T0 + 5_000;
    await assert.rejects(pool.exec("node-2", "true", { timeoutMs: 500 }), (err: OysterError) => err.details.stalled === true);
    clock = T0 + 20_000;
    await assert.rejects(pool.exec("node-2", "true"), (err: OysterError) => err.details.notAnsweringSince === new Date(T0 + 5_000).toISOString() && NOT_ANSWERING.test(err.message));
    assert.equal(node2Dials(), 1, "no dial after the stall");
  });

  it("keepalives unanswered on a kept connection count as a timeout from the last answer", async () => {
    const kept = createSshPool(rt.config, rt.log, fleet.env, { keepaliveMs: 100, onDial: (n) => dials.push(n), now: () => clock });
    try {
      await kept.exec("node-2", "true");
      await rig.node("node-2").hang();
      await waitUntil(() => !kept.isOpen("node-2") || undefined, "the keepalives to drop the connection");
      await assert.rejects(kept.exec("node-2", "true"), (err: OysterError) => err.details.notAnsweringSince === new Date(T0 - 400).toISOString() && NOT_ANSWERING.test(err.message));
      assert.equal(node2Dials(), 1, "only the first dial");
    } finally {
      await kept.close();
    }
  });
});
