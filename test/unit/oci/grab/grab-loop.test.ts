import { afterEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { runGrab, THROTTLE_PAUSE_MS, LIMIT_PAUSE_MS } from "../../../../src/oci/grab/grab-loop.ts";
import { OCI_ERRORS } from "../../../helpers/oci-standin/replies.ts";
import type { FakeInstance } from "../../../helpers/oci-standin/fake-api.ts";
import { COMPARTMENT } from "../fixtures.ts";
import { AD1, AD2, launches, loopRig, type LoopRig } from "./loop-fixture.ts";

const sentAt = (r: { headers: Record<string, string | string[] | undefined> }) => Date.parse(String(r.headers["x-date"] ?? r.headers.date));

function existing(state = "RUNNING"): FakeInstance {
  return { id: "ocid1.instance.oc1..mine", compartmentId: COMPARTMENT, availabilityDomain: AD1, shape: "VM.Standard.A1.Flex", displayName: "old", lifecycleState: state };
}

describe("runGrab: the launch loop against the fake OCI API (fake clock, real state.db)", () => {
  let rig: LoopRig;
  afterEach(() => rig.close());

  test("capacity errors on both ADs several times, then exactly one launch succeeds and none follows", async () => {
    const cap = OCI_ERRORS.outOfCapacity;
    rig = await loopRig({ launches: [cap, cap, cap, cap, "launch"], provisioningPolls: 2 });
    const grab = rig.start();
    const done = await runGrab(rig.deps(), grab.id, new AbortController().signal);

    assert.equal(done.status, "succeeded");
    assert.equal(done.outcome?.kind, "launched");
    const posts = launches(rig.api);
    assert.equal(posts.length, 5, "four capacity errors, then the launch; nothing after it");
    assert.deepEqual(posts.map((p) => (p.body as { availabilityDomain: string }).availabilityDomain), [AD1, AD2, AD1, AD2, AD1], "ADs in turn, discovered through the Identity API");
    assert.equal(new Set(posts.map((p) => p.headers["opc-retry-token"])).size, 5, "a new retry token per attempt");
    for (let i = 1; i < posts.length; i++) assert.equal(sentAt(posts[i]!) - sentAt(posts[i - 1]!), 60_000, "one attempt per interval");
    assert.ok(rig.api.requests.every((r) => r.verdict.ok), "every request verified with the public key");
    assert.equal(done.instance?.id, "ocid1.instance.oc1..fake1");
    assert.equal(done.instance?.lifecycleState, "RUNNING");
    assert.equal(done.instance?.publicIp, "192.0.2.1");
    assert.equal(done.attempts, 5);
    assert.equal(done.adErrors[AD2]?.action, "no_capacity");
    assert.equal(rig.events.seen.ended.length, 1);
    assert.equal(rig.events.seen.alerts.length, 0);
    // The body carries the configured values, not hard-coded ones.
    assert.deepEqual((posts[0]!.body as { shapeConfig: unknown }).shapeConfig, { ocpus: 4, memoryInGBs: 24 });
  });

  test("429 pauses ten minutes before the next attempt", async () => {
    rig = await loopRig({ launches: [OCI_ERRORS.tooManyRequests, "launch"] });
    const grab = rig.start();
    const done = await runGrab(rig.deps(), grab.id, new AbortController().signal);
    const posts = launches(rig.api);
    assert.equal(posts.length, 2);
    assert.equal(sentAt(posts[1]!) - sentAt(posts[0]!), THROTTLE_PAUSE_MS);
    assert.equal(done.status, "succeeded");
    const paused = rig.events.seen.progress.find((g) => g.pausedUntil !== null);
    assert.match(paused?.pauseReason ?? "", /429/);
  });

  test("401 stops the grab and alerts, naming the clock as a cause", async () => {
    rig = await loopRig({ launches: [OCI_ERRORS.notAuthenticated] });
    const grab = rig.start();
    const done = await runGrab(rig.deps(), grab.id, new AbortController().signal);
    assert.equal(done.status, "failed");
    assert.equal(launches(rig.api).length, 1);
    assert.equal(rig.events.seen.alerts.length, 1);
    assert.equal(rig.events.seen.alerts[0]!.check, "grab_stopped");
    assert.match(rig.events.seen.alerts[0]!.message, /clock/);
  });

  test("an existing instance of the shape stops the grab before any launch", async () => {
    rig = await loopRig({ instances: [existing()] });
    const done = await runGrab(rig.deps(), rig.start().id, new AbortController().signal);
    assert.equal(done.status, "stopped");
    assert.equal(done.outcome?.kind, "exists");
    assert.equal(launches(rig.api).length, 0);
    assert.equal(rig.events.seen.alerts.length, 0);
  });

  test("a TERMINATED instance does not count", async () => {
    rig = await loopRig({ instances: [existing("TERMINATED")] });
    const done = await runGrab(rig.deps(), rig.start().id, new AbortController().signal);
    assert.equal(done.status, "succeeded");
    assert.equal(launches(rig.api).length, 1);
  });

  test("LimitExceeded with an instance present stops without an alert", async () => {
    rig = await loopRig({ launches: [OCI_ERRORS.limitExceeded] });
    const grab = rig.start();
    // The instance shows up only on the re-list after LimitExceeded (someone launched it meanwhile).
    const deps = rig.deps();
    const launch = deps.client.launchInstance.bind(deps.client);
    deps.client = { ...deps.client, launchInstance: async (d, t) => {
      const r = await launch(d, t);
      rig.api.instances.push(existing());
      return r;
    } };
    const done = await runGrab(deps, grab.id, new AbortController().signal);
    assert.equal(done.status, "stopped");
    assert.equal(done.outcome?.kind, "exists");
    assert.equal(launches(rig.api).length, 1);
    assert.equal(rig.events.seen.alerts.length, 0);
  });

  test("LimitExceeded with no instance pauses long and alerts, then goes on", async () => {
    rig = await loopRig({ launches: [OCI_ERRORS.limitExceeded, "launch"] });
    const done = await runGrab(rig.deps(), rig.start().id, new AbortController().signal);
    const posts = launches(rig.api);
    assert.equal(posts.length, 2);
    assert.equal(sentAt(posts[1]!) - sentAt(posts[0]!), LIMIT_PAUSE_MS);
    assert.equal(rig.events.seen.alerts.length, 1);
    assert.equal(rig.events.seen.alerts[0]!.check, "grab_limit_exceeded");
    assert.ok(rig.events.seen.cleared.includes("grab_limit_exceeded"), "cleared once a launch went through");
    assert.equal(done.status, "succeeded");
  });

  test("an AD without the shape is left out and the others keep going", async () => {
    rig = await loopRig({ launches: [OCI_ERRORS.shapeNotFound, OCI_ERRORS.outOfCapacity, OCI_ERRORS.outOfCapacity, "launch"] });
    const done = await runGrab(rig.deps(), rig.start().id, new AbortController().signal);
    const ads = launches(rig.api).map((p) => (p.body as { availabilityDomain: string }).availabilityDomain);
    assert.deepEqual(ads, [AD1, AD2, AD2, AD2]);
    assert.deepEqual(done.skippedAds, [AD1]);
    assert.equal(done.status, "succeeded");
  });

  test("every AD without the shape: stops and alerts", async () => {
    rig = await loopRig({ launches: [OCI_ERRORS.shapeNotFound, OCI_ERRORS.shapeNotFound] });
    const done = await runGrab(rig.deps(), rig.start().id, new AbortController().signal);
    assert.equal(done.status, "failed");
    assert.equal(rig.events.seen.alerts.length, 1);
  });

  test("no answer: the same attempt is re-sent with the same retry token and AD, and OCI's idempotency gives one instance", async () => {
    rig = await loopRig({ launches: ["drop", OCI_ERRORS.badGateway, "launch"] });
    const done = await runGrab(rig.deps(), rig.start().id, new AbortController().signal);
    const posts = launches(rig.api);
    assert.equal(posts.length, 3);
    assert.equal(posts[1]!.headers["opc-retry-token"], posts[0]!.headers["opc-retry-token"], "re-sent after no answer");
    assert.equal((posts[1]!.body as { availabilityDomain: string }).availabilityDomain, AD1);
    assert.notEqual(posts[2]!.headers["opc-retry-token"], posts[1]!.headers["opc-retry-token"], "a 502 is an answer: a new attempt, a new token");
    assert.equal(done.status, "succeeded");
  });

  test("configured availability domains are used as given, and --ad keeps to one", async () => {
    rig = await loopRig({ launches: [OCI_ERRORS.outOfCapacity, "launch"] }, { availabilityDomains: ["AD-X", "AD-Y"] });
    await runGrab(rig.deps(), rig.start().id, new AbortController().signal);
    assert.deepEqual(launches(rig.api).map((p) => (p.body as { availabilityDomain: string }).availabilityDomain), ["AD-X", "AD-Y"]);
    assert.equal(rig.api.requests.filter((r) => r.path.endsWith("/availabilityDomains")).length, 0);
    await rig.close();

    rig = await loopRig({ launches: [OCI_ERRORS.outOfCapacity, "launch"] });
    await runGrab(rig.deps(), rig.start({ ad: AD2 }).id, new AbortController().signal);
    assert.deepEqual(launches(rig.api).map((p) => (p.body as { availabilityDomain: string }).availabilityDomain), [AD2, AD2]);
  });

  test("a stop request ends the grab between attempts", async () => {
    const cap = OCI_ERRORS.outOfCapacity;
    rig = await loopRig({ launches: [cap, cap, cap, cap, cap, cap] });
    const grab = rig.start();
    const deps = rig.deps();
    const progress = deps.events.progress;
    deps.events = { ...deps.events, progress: async (g) => {
      await progress(g);
      if (g.attempts === 2) rig.grabs.requestStop("cli:alice");
    } };
    const done = await runGrab(deps, grab.id, new AbortController().signal);
    assert.equal(done.status, "stopped");
    assert.equal(done.outcome?.kind, "stopped");
    assert.match(done.outcome?.message ?? "", /cli:alice/);
    assert.equal(launches(rig.api).length, 2);
  });

  test("resuming a grab whose next attempt is due waits only until then, not a full interval", async () => {
    rig = await loopRig({ launches: [OCI_ERRORS.outOfCapacity, "launch"] });
    const grab = rig.start();
    // As a bot that stopped after one attempt left it: next attempt due in 20 s.
    rig.grabs.update(grab.id, { ads: [AD1, AD2], adIndex: 1, attempts: 1, nextAttemptAt: new Date(rig.clock.t + 20_000).toISOString() });
    const t0 = rig.clock.t;
    await runGrab(rig.deps(), grab.id, new AbortController().signal);
    const first = launches(rig.api)[0]!;
    assert.equal(sentAt(first) - t0, 20_000);
    assert.equal((first.body as { availabilityDomain: string }).availabilityDomain, AD2, "the rotation goes on where it was");
  });

  test("a pending retry token (the bot died mid-request) is re-sent first, without listing", async () => {
    rig = await loopRig({ launches: ["launch"] });
    const grab = rig.start();
    rig.grabs.update(grab.id, { ads: [AD1, AD2], retryToken: "token-from-before", attempts: 1 });
    const done = await runGrab(rig.deps(), grab.id, new AbortController().signal);
    const posts = launches(rig.api);
    assert.equal(posts[0]!.headers["opc-retry-token"], "token-from-before");
    assert.equal(rig.api.requests.filter((r) => r.method === "GET" && r.path === "/20160918/instances").length, 0);
    assert.equal(done.status, "succeeded");
  });

  test("joinFleet runs after RUNNING with the image's user (ubuntu for Ubuntu images)", async () => {
    rig = await loopRig({ launches: ["launch"], operatingSystem: "Canonical Ubuntu" }, { joinFleet: true });
    const joined: Array<{ ip?: string; user: string }> = [];
    const deps = rig.deps({
      join: async (instance, user) => {
        joined.push({ ...(instance.publicIp ? { ip: instance.publicIp } : {}), user });
        return { ok: true, steps: [{ step: "nodes.json", status: "ok", detail: "added" }] };
      },
    });
    const done = await runGrab(deps, rig.start().id, new AbortController().signal);
    assert.deepEqual(joined, [{ ip: "192.0.2.1", user: "ubuntu" }]);
    assert.equal(done.outcome?.join?.ok, true);
  });
});
