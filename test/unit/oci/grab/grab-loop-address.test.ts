import { afterEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { PROVISION_TIMEOUT_MS, runGrab } from "../../../../src/oci/grab/grab-loop.ts";
import type { GrabInstance } from "../../../../src/oci/grab/grab-store.ts";
import { grabLines, launchedAnnouncement, sshCommand } from "../../../../src/oci/grab/render.ts";
import type { RecordedRequest } from "../../../helpers/oci-standin/fake-api.ts";
import { OCI_ERRORS } from "../../../helpers/oci-standin/replies.ts";
import { launches, loopRig, type LoopRig } from "./loop-fixture.ts";

// After a launch: the address lookup (ListVnicAttachments, GetVnic) against the fake OCI API,
// which verifies every signature and answers 429 / 5xx / ATTACHING on demand; fake clock.

const sentAt = (r: RecordedRequest) => Date.parse(String(r.headers["x-date"] ?? r.headers.date));
const lookups = (rig: LoopRig) => rig.api.requests.filter((r) => r.path === "/20160918/vnicAttachments" || r.path.startsWith("/20160918/vnics/"));
const throttled = () => Array(200).fill(OCI_ERRORS.tooManyRequests);

/** A join that records who it was asked to bring in. */
function joinRecorder() {
  const calls: Array<{ ip: string | undefined; user: string }> = [];
  return {
    calls,
    join: async (instance: GrabInstance, user: string) => {
      calls.push({ ip: instance.publicIp, user });
      return { ok: true, steps: [{ step: "nodes.json", status: "ok" as const, detail: "added" }] };
    },
  };
}

describe("runGrab after a launch: reading the instance's address", () => {
  let rig: LoopRig;
  afterEach(() => rig.close());

  test("ListVnicAttachments throttled twice (429), then read: succeeded WITH the public IP, and joinFleet goes through the join phase", async () => {
    rig = await loopRig({ launches: ["launch"], vnicAttachmentReplies: [OCI_ERRORS.tooManyRequests, OCI_ERRORS.tooManyRequests] }, { joinFleet: true });
    const j = joinRecorder();
    const done = await runGrab(rig.deps({ join: j.join }), rig.start().id, new AbortController().signal);
    assert.equal(done.status, "succeeded");
    assert.equal(done.instance?.publicIp, "192.0.2.1");
    assert.match(done.outcome!.message, /, public IP 192\.0\.2\.1$/);
    assert.ok(rig.events.seen.progress.some((g) => g.phase === "joining"), "through the join phase");
    assert.deepEqual(j.calls, [{ ip: "192.0.2.1", user: "opc" }]);
    assert.equal(done.outcome?.join?.ok, true);
    assert.equal(rig.events.seen.alerts.length, 0);
    assert.ok(rig.events.seen.cleared.includes("grab_address_unread"), "an earlier grab's address alert is done with");
    // While it lasted, the throttled lookup showed in progress like any failed call.
    assert.ok(rig.events.seen.progress.some((g) => g.adErrors["(reading the address)"]?.action === "throttled"));
    assert.ok(rig.api.requests.every((r) => r.verdict.ok));
  });

  test("GetVnic answering 502 then 503, then read: succeeded with the public IP and joined", async () => {
    rig = await loopRig({ launches: ["launch"], vnicReplies: [OCI_ERRORS.badGateway, OCI_ERRORS.serviceUnavailable] }, { joinFleet: true });
    const j = joinRecorder();
    const done = await runGrab(rig.deps({ join: j.join }), rig.start().id, new AbortController().signal);
    assert.equal(done.status, "succeeded");
    assert.equal(done.instance?.publicIp, "192.0.2.1");
    assert.deepEqual(j.calls.map((c) => c.ip), ["192.0.2.1"]);
    assert.equal(rig.api.requests.filter((r) => r.path.startsWith("/20160918/vnics/")).length, 3);
    assert.equal(done.adErrors["(reading the address)"]?.action, "transient");
  });

  test("a VNIC attachment still ATTACHING without a vnicId, then ATTACHED: the public IP is read", async () => {
    rig = await loopRig({ launches: ["launch"], vnicAttachmentReplies: ["attaching"] });
    const done = await runGrab(rig.deps(), rig.start().id, new AbortController().signal);
    assert.equal(done.status, "succeeded");
    assert.equal(done.instance?.publicIp, "192.0.2.1");
    assert.equal(done.instance?.privateIp, "10.0.0.1");
    assert.equal(rig.api.requests.filter((r) => r.path === "/20160918/vnicAttachments").length, 2);
  });

  test("lookups throttled past the RUNNING wait's budget: the outcome says the address could not be read and why (never 'no public IP'), no join, a warning alert", async () => {
    rig = await loopRig({ launches: ["launch"], vnicAttachmentReplies: throttled() }, { joinFleet: true });
    const j = joinRecorder();
    const done = await runGrab(rig.deps({ join: j.join }), rig.start().id, new AbortController().signal);
    assert.equal(done.status, "succeeded", "the instance was launched and runs");
    assert.equal(done.instance?.publicIp, undefined);
    assert.equal(done.instance?.lifecycleState, "RUNNING");
    const message = done.outcome!.message;
    assert.doesNotMatch(message, /no public IP/);
    assert.match(message, /public IP not read \(address lookup throttled \(ListVnicAttachments: HTTP 429 TooManyRequests\) for \d+ min \(\d+ tries\)\); not joined to the fleet$/);
    assert.equal(j.calls.length, 0);
    assert.deepEqual(done.outcome?.join?.steps.map((s) => [s.step, s.status]), [["public IP", "skipped"]]);
    assert.match(done.outcome!.join!.steps[0]!.detail, /could not be read; once you have it: add \{"name": "oyster-arm-1", "host": "<public IP>", "user": "opc"\} to nodes\.json/);

    // Within the budget, counted from the start of the wait for RUNNING (right after the launch).
    const launchedAt = sentAt(launches(rig.api)[0]!);
    assert.ok(sentAt(lookups(rig).at(-1)!) <= launchedAt + PROVISION_TIMEOUT_MS, "no lookup after the budget");
    assert.ok(sentAt(lookups(rig).at(-1)!) >= launchedAt + PROVISION_TIMEOUT_MS - 60_000, "asked until the budget ran out");

    assert.equal(rig.events.seen.alerts.length, 1);
    const alert = rig.events.seen.alerts[0]!;
    assert.equal(alert.check, "grab_address_unread");
    assert.equal(alert.severity, "warning");
    assert.match(alert.message, /could not read its public IP: address lookup throttled/);
    assert.match(alert.message, /did not join the fleet/);

    const text = launchedAnnouncement(done).text;
    assert.match(text, /public IP: not read \(address lookup throttled/);
    assert.match(text, /joining the fleet: not complete/);
  });

  test("assignPublicIp false: the message says so with the private IP, and no join is attempted (said so, not skipped silently)", async () => {
    rig = await loopRig({ launches: ["launch"] }, { assignPublicIp: false, joinFleet: true });
    const j = joinRecorder();
    const done = await runGrab(rig.deps({ join: j.join }), rig.start().id, new AbortController().signal);
    assert.equal((launches(rig.api)[0]!.body as { createVnicDetails: { assignPublicIp: boolean } }).createVnicDetails.assignPublicIp, false);
    assert.equal(done.status, "succeeded");
    assert.match(done.outcome!.message, /, no public IP \(assignPublicIp is false\), private IP 10\.0\.0\.1; not joined to the fleet$/);
    assert.equal(j.calls.length, 0);
    assert.ok(!rig.events.seen.progress.some((g) => g.phase === "joining"));
    assert.deepEqual(done.outcome?.join?.steps, [{ step: "public IP", status: "skipped", detail: "joinFleet needs a public IP, and assignPublicIp is false" }]);
    assert.equal(rig.events.seen.alerts.length, 0, "what the configuration asked for is not an incident");
    assert.equal(lookups(rig).length, 2, "one definitive answer, asked once");
    assert.match(launchedAnnouncement(done).text, /public IP: none \(assignPublicIp is false\)\nprivate IP: 10\.0\.0\.1/);
  });

  test("a 404 on GetVnic: reported with HTTP status and code, asked once, a warning alert; no endless loop", async () => {
    rig = await loopRig({ launches: ["launch"], vnicReplies: [OCI_ERRORS.vnicNotFound, OCI_ERRORS.vnicNotFound] });
    const done = await runGrab(rig.deps(), rig.start().id, new AbortController().signal);
    assert.equal(done.status, "succeeded");
    assert.match(done.outcome!.message, /public IP not read \(GetVnic answered HTTP 404 NotAuthorizedOrNotFound: /);
    assert.equal(rig.api.requests.filter((r) => r.path.startsWith("/20160918/vnics/")).length, 1);
    assert.deepEqual(rig.events.seen.alerts.map((a) => [a.check, a.severity]), [["grab_address_unread", "warning"]]);
  });

  test("a stop request while the lookup is throttled ends the grab at once, still naming (and announcing) the launched instance", async () => {
    rig = await loopRig({ launches: ["launch"], vnicAttachmentReplies: throttled() });
    const deps = rig.deps();
    const progress = deps.events.progress;
    deps.events = { ...deps.events, progress: async (g) => {
      await progress(g);
      if (g.adErrors["(reading the address)"]) rig.grabs.requestStop("cli:alice");
    } };
    const done = await runGrab(deps, rig.start().id, new AbortController().signal);
    assert.equal(done.status, "stopped");
    assert.equal(done.outcome?.kind, "launched");
    assert.match(done.outcome!.message, /^launched ocid1\.instance\.oc1\.\.fake1 .*, public IP not read; grab stopped by cli:alice after the launch$/);
    assert.equal(rig.api.requests.filter((r) => r.path === "/20160918/vnicAttachments").length, 1);
    assert.equal(rig.events.seen.alerts.length, 0);
  });

  test("the bot shut down mid-lookup: the next run resumes the lookup and reads the address", async () => {
    rig = await loopRig({ launches: ["launch"], vnicAttachmentReplies: [OCI_ERRORS.tooManyRequests, OCI_ERRORS.tooManyRequests] });
    const grab = rig.start();
    const controller = new AbortController();
    const deps = rig.deps();
    const progress = deps.events.progress;
    deps.events = { ...deps.events, progress: async (g) => {
      await progress(g);
      if (g.adErrors["(reading the address)"]) controller.abort();
    } };
    const interrupted = await runGrab(deps, grab.id, controller.signal);
    assert.equal(interrupted.status, "running");
    assert.equal(interrupted.phase, "provisioning");

    const done = await runGrab(rig.deps(), grab.id, new AbortController().signal);
    assert.equal(done.status, "succeeded");
    assert.equal(done.instance?.publicIp, "192.0.2.1");
    assert.equal(launches(rig.api).length, 1);
  });

  test("GetVnic answering a publicIp that is not an IP address: treated as unread with the reason, never joined, never printed in a command", async () => {
    const hostile = "192.0.2.1; touch /tmp/oyster-pwned";
    rig = await loopRig({ launches: ["launch"], publicIp: hostile }, { joinFleet: true });
    const j = joinRecorder();
    const done = await runGrab(rig.deps({ join: j.join }), rig.start().id, new AbortController().signal);
    assert.equal(done.status, "succeeded");
    assert.equal(done.instance?.publicIp, undefined);
    assert.deepEqual(done.instance?.noPublicIp, { kind: "unread", reason: `GetVnic answered a publicIp that is not an IP address (${hostile.length} characters): not used` });
    assert.equal(j.calls.length, 0, "not joined");
    assert.equal(rig.api.requests.filter((r) => r.path.startsWith("/20160918/vnics/")).length, 1, "a definitive answer: not asked again");
    assert.deepEqual(rig.events.seen.alerts.map((a) => a.check), ["grab_address_unread"]);
    const text = launchedAnnouncement(done).text;
    assert.match(text, /public IP: not read \(GetVnic answered a publicIp that is not an IP address/);
    assert.doesNotMatch(text, /^ssh: /m);
    for (const shown of [text, ...grabLines(done, new Date()), done.outcome!.message, rig.events.seen.alerts[0]!.message]) assert.ok(!shown.includes("touch"), shown);
  });

  test("a grab stored before addresses were checked: its bad publicIp is shown as unusable, never in an ssh command", async () => {
    rig = await loopRig({ launches: ["launch"] });
    const done = await runGrab(rig.deps(), rig.start().id, new AbortController().signal);
    const old = { ...done, instance: { ...done.instance!, publicIp: "$(id)" } };
    const shown = [launchedAnnouncement(old).text, launchedAnnouncement(old).subject, ...grabLines(old, new Date())].join("\n");
    assert.doesNotMatch(shown, /\$\(id\)/);
    assert.doesNotMatch(shown, /ssh: /);
    assert.match(shown, /public IP: not an IP address \(not used\)/);
  });

  test("the printed ssh command takes only an IP address, and quotes a user name that is not a bare word", () => {
    assert.equal(sshCommand("opc", "192.0.2.1"), "ssh opc@192.0.2.1");
    assert.equal(sshCommand(undefined, "2001:db8::1"), "ssh opc@2001:db8::1");
    assert.equal(sshCommand("o'pc x", "192.0.2.1"), `ssh 'o'\\''pc x@192.0.2.1'`);
    for (const bad of ["example.com", "192.0.2.1 -oProxyCommand=id", "$(id)", ""]) assert.equal(sshCommand("opc", bad), undefined, bad);
  });
});
