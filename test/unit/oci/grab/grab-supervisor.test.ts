import { afterEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { GrabSupervisor } from "../../../../src/oci/grab/grab-supervisor.ts";
import { silentLogger } from "../../../../src/log.ts";
import { OCI_ERRORS } from "../../../helpers/oci-standin/replies.ts";
import { waitUntil } from "../../../helpers/wait-until.ts";
import { launches, loopRig, type LoopRig } from "./loop-fixture.ts";

const cap = OCI_ERRORS.outOfCapacity;

describe("GrabSupervisor: one loop per grab, taken up again after a restart", () => {
  let rig: LoopRig;
  afterEach(() => rig.close());

  function supervisor(sleep: (ms: number, signal: AbortSignal) => Promise<void>) {
    return new GrabSupervisor({
      db: rig.store.db,
      grabs: rig.grabs,
      events: rig.events,
      log: silentLogger(),
      pollMs: 60_000,
      prepare: async () => {
        const { store: _s, events: _e, log: _l, ...rest } = rig.deps({ sleep });
        return rest;
      },
    });
  }

  test("a restart resumes the running grab with a single loop, even when two supervisors look at once", async () => {
    rig = await loopRig({ launches: [cap, cap, cap, "launch"] });
    const grab = rig.start();

    // The first bot: attempts go on until it is stopped after the second launch.
    const first = supervisor(async (ms, signal) => {
      if (launches(rig.api).length >= 2) return new Promise<void>((r) => signal.addEventListener("abort", () => r(), { once: true }));
      return rig.clock.sleep(ms, signal);
    });
    void first.check();
    await waitUntil(() => launches(rig.api).length === 2 || undefined, "two attempts by the first bot");
    await first.stop();
    assert.equal(rig.grabs.get(grab.id)!.status, "running", "a stopping bot leaves the grab running for the next one");

    // The restarted bot, and (by mistake) a second one on the same state.db.
    const a = supervisor(rig.clock.sleep);
    const b = supervisor(rig.clock.sleep);
    await Promise.all([a.check(), b.check()]);
    const done = rig.grabs.get(grab.id)!;
    assert.equal(done.status, "succeeded");
    assert.equal(launches(rig.api).length, 4, "two more attempts, not four: one loop");
    assert.equal(done.attempts, 4);
    assert.equal(rig.events.seen.ended.length, 1, "ended once");
    assert.ok(!a.running && !b.running);
    assert.equal((rig.store.db.prepare("SELECT COUNT(*) AS n FROM locks WHERE name = 'oci-grab'").get() as { n: number }).n, 0, "the lock is released");
  });

  test("a grab whose config no longer allows it ends failed with an alert instead of looping", async () => {
    rig = await loopRig();
    const grab = rig.start();
    const s = new GrabSupervisor({
      db: rig.store.db,
      grabs: rig.grabs,
      events: rig.events,
      log: silentLogger(),
      prepare: async () => {
        throw new Error("missing oci.imageId");
      },
    });
    await s.check();
    assert.equal(rig.grabs.get(grab.id)!.status, "failed");
    assert.match(rig.events.seen.alerts[0]!.message, /missing oci\.imageId/);
    assert.equal(launches(rig.api).length, 0);
  });

  test("nothing to take up: no loop, no lock", async () => {
    rig = await loopRig();
    const s = supervisor(rig.clock.sleep);
    assert.equal(s.check(), undefined);
    assert.equal((rig.store.db.prepare("SELECT COUNT(*) AS n FROM locks").get() as { n: number }).n, 0);
  });
});
