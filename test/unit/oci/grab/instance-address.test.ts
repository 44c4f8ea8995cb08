import { afterEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createOciClient, type OciClient } from "../../../../src/oci/client.ts";
import { addressFields, checkedAddresses, lookupAddress, LOOKUP_MAX_DELAY_MS, type AddressLookupDeps } from "../../../../src/oci/grab/instance-address.ts";
import { buildLaunchDetails } from "../../../../src/oci/launch-details.ts";
import { startOciFakeApi, type FakeApi, type FakeApiOptions, type RecordedRequest } from "../../../helpers/oci-standin/fake-api.ts";
import { OCI_ERRORS } from "../../../helpers/oci-standin/replies.ts";
import { COMPARTMENT, keys, profile } from "../fixtures.ts";
import { FakeClock } from "./loop-fixture.ts";

const TWENTY_MIN = 20 * 60_000;
const sentAt = (r: RecordedRequest) => Date.parse(String(r.headers["x-date"] ?? r.headers.date));
const gaps = (rs: RecordedRequest[]) => rs.slice(1).map((r, i) => sentAt(r) - sentAt(rs[i]!));
const lists = (api: FakeApi) => api.requests.filter((r) => r.path === "/20160918/vnicAttachments");
const vnicReads = (api: FakeApi) => api.requests.filter((r) => r.path.startsWith("/20160918/vnics/"));

interface Rig {
  api: FakeApi;
  clock: FakeClock;
  client: OciClient;
  retries: Array<{ what: string; throttled: boolean; retryInMs: number }>;
  deps(extra?: Partial<AddressLookupDeps>): AddressLookupDeps;
  /** Launches through the fake (signed), so that it holds the instance's VNIC. */
  launch(assignPublicIp?: boolean): Promise<string>;
}

/** The fake OCI API on loopback, verifying every signature; a clock that moves only when the lookup sleeps. */
async function rig(o: Omit<FakeApiOptions, "publicKey" | "now"> = {}): Promise<Rig> {
  const clock = new FakeClock();
  const api = await startOciFakeApi({ publicKey: keys.publicKey, now: clock.now, ...o });
  const client = createOciClient({ profile, region: "eu-frankfurt-1", endpoints: { core: api.url, identity: api.url }, now: clock.now, timeoutMs: 5000 });
  const retries: Rig["retries"] = [];
  return {
    api,
    clock,
    client,
    retries,
    deps: (extra = {}) => ({
      client,
      compartmentId: COMPARTMENT,
      now: clock.now,
      sleep: clock.sleep,
      signal: new AbortController().signal,
      onRetry: (what, throttled, retryInMs) => void retries.push({ what, throttled, retryInMs }),
      ...extra,
    }),
    async launch(assignPublicIp = true) {
      const details = buildLaunchDetails({ compartmentId: COMPARTMENT, availabilityDomain: "AD-1", imageId: "img", subnetId: "sub", sshPublicKey: "ssh-ed25519 AAAA t", ocpus: 4, memoryGb: 24, assignPublicIp });
      const r = await client.launchInstance(details, "token-1");
      assert.ok(r.ok);
      return r.value.id;
    },
  };
}

describe("lookupAddress: a launched instance's addresses, against the fake OCI API", () => {
  let r: Rig;
  afterEach(() => r.api.close());

  test("429 twice on ListVnicAttachments (OCI's TooManyRequests body), then the address: asked again after 2 s, then 4 s", async () => {
    r = await rig({ vnicAttachmentReplies: [OCI_ERRORS.tooManyRequests, OCI_ERRORS.tooManyRequests] });
    const id = await r.launch();
    const found = await lookupAddress(r.deps(), id, r.clock.t + TWENTY_MIN);
    assert.deepEqual(found, { kind: "read", publicIp: "192.0.2.1", privateIp: "10.0.0.1" });
    assert.equal(lists(r.api).length, 3);
    assert.deepEqual(gaps(lists(r.api)), [2000, 4000], "exponential backoff from 2 s");
    assert.equal(vnicReads(r.api).length, 1);
    assert.deepEqual(r.retries.map((x) => [x.what, x.throttled]), [
      ["throttled (ListVnicAttachments: HTTP 429 TooManyRequests)", true],
      ["throttled (ListVnicAttachments: HTTP 429 TooManyRequests)", true],
    ]);
    assert.ok(r.api.requests.every((q) => q.verdict.ok), "every request verified with the public key");
  });

  test("a 503 and a dropped connection on GetVnic, then the VNIC: the address is read", async () => {
    r = await rig({ vnicReplies: [OCI_ERRORS.serviceUnavailable, "drop"] });
    const id = await r.launch();
    const found = await lookupAddress(r.deps(), id, r.clock.t + TWENTY_MIN);
    assert.deepEqual(found, { kind: "read", publicIp: "192.0.2.1", privateIp: "10.0.0.1" });
    assert.equal(vnicReads(r.api).length, 3);
    assert.equal(r.retries[0]!.what, "failing (GetVnic: HTTP 503 ServiceUnavailable)");
    assert.match(r.retries[1]!.what, /^getting no answer \(GetVnic: /);
    assert.deepEqual(r.retries.map((x) => x.throttled), [false, false]);
  });

  test("an attachment still ATTACHING (no vnicId yet) is asked again; the VNIC is read once it is ATTACHED", async () => {
    r = await rig({ vnicAttachmentReplies: ["attaching", "attaching"] });
    const id = await r.launch();
    const found = await lookupAddress(r.deps(), id, r.clock.t + TWENTY_MIN);
    assert.deepEqual(found, { kind: "read", publicIp: "192.0.2.1", privateIp: "10.0.0.1" });
    assert.equal(lists(r.api).length, 3);
    assert.equal(vnicReads(r.api).length, 1, "no GetVnic before there is a vnicId");
    assert.match(r.retries[0]!.what, /ATTACHING, not yet ATTACHED/);
  });

  test("throttled until the deadline: not read, saying throttled and for how long; pauses double from 2 s up to 60 s, none after the deadline", async () => {
    r = await rig({ vnicAttachmentReplies: Array(100).fill(OCI_ERRORS.tooManyRequests) });
    const id = await r.launch();
    const start = r.clock.t;
    const found = await lookupAddress(r.deps(), id, start + TWENTY_MIN);
    assert.equal(found.kind, "unread");
    const tries = lists(r.api).length;
    assert.equal((found as { reason: string }).reason, `address lookup throttled (ListVnicAttachments: HTTP 429 TooManyRequests) for 20 min (${tries} tries)`);
    const g = gaps(lists(r.api));
    assert.deepEqual(g.slice(0, 7), [2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    assert.ok(g.every((x) => x <= LOOKUP_MAX_DELAY_MS));
    assert.equal(sentAt(lists(r.api).at(-1)!), start + TWENTY_MIN, "the last try at the deadline, none after it");
    assert.deepEqual(addressFields(found as Exclude<typeof found, { kind: "stopped" }>, true), { noPublicIp: { kind: "unread", reason: (found as { reason: string }).reason } });
  });

  test("the first try is made even when the budget is already spent", async () => {
    r = await rig({ vnicAttachmentReplies: [OCI_ERRORS.badGateway] });
    const id = await r.launch();
    const found = await lookupAddress(r.deps(), id, r.clock.t - 1);
    assert.deepEqual(found, { kind: "unread", reason: "address lookup failing (ListVnicAttachments: HTTP 502 BadGateway) for 0 s (1 try)" });
    assert.equal(lists(r.api).length, 1);
  });

  test("a 404 on GetVnic is reported with status, code and request id at once, never asked again", async () => {
    r = await rig({ vnicReplies: [OCI_ERRORS.vnicNotFound] });
    const id = await r.launch();
    const found = await lookupAddress(r.deps(), id, r.clock.t + TWENTY_MIN);
    assert.equal(found.kind, "unread");
    assert.match((found as { reason: string }).reason, /^GetVnic answered HTTP 404 NotAuthorizedOrNotFound: Authorization failed or requested resource not found\. \(opc-request-id req-\d+\)$/);
    assert.equal(vnicReads(r.api).length, 1);
    assert.equal(r.retries.length, 0);
  });

  test("a 400 on ListVnicAttachments is reported, never asked again", async () => {
    r = await rig({ vnicAttachmentReplies: [OCI_ERRORS.invalidParameter] });
    const id = await r.launch();
    const found = await lookupAddress(r.deps(), id, r.clock.t + TWENTY_MIN);
    assert.match((found as { reason: string }).reason, /^ListVnicAttachments answered HTTP 400 InvalidParameter/);
    assert.equal(lists(r.api).length, 1);
    assert.equal(vnicReads(r.api).length, 0);
  });

  test("a VNIC read OK without a public IP is the answer: no public IP, asked once", async () => {
    r = await rig();
    const id = await r.launch(false);
    const found = await lookupAddress(r.deps(), id, r.clock.t + TWENTY_MIN);
    assert.deepEqual(found, { kind: "read", privateIp: "10.0.0.1" });
    assert.equal(lists(r.api).length + vnicReads(r.api).length, 2);
    assert.deepEqual(addressFields(found as { kind: "read" }, false), { privateIp: "10.0.0.1", noPublicIp: { kind: "none", reason: "assignPublicIp is false" } });
    assert.deepEqual(addressFields(found as { kind: "read" }, true).noPublicIp, { kind: "none", reason: "its VNIC has none" });
  });

  test("a stop request or an abort between tries ends the lookup without another call", async () => {
    r = await rig({ vnicAttachmentReplies: Array(10).fill(OCI_ERRORS.tooManyRequests) });
    const id = await r.launch();
    let stop = false;
    const stopped = await lookupAddress(r.deps({ stopped: () => stop, onRetry: () => void (stop = true) }), id, r.clock.t + TWENTY_MIN);
    assert.deepEqual(stopped, { kind: "stopped" });
    assert.equal(lists(r.api).length, 1);

    const controller = new AbortController();
    const aborted = await lookupAddress(r.deps({ signal: controller.signal, onRetry: () => controller.abort() }), id, r.clock.t + TWENTY_MIN);
    assert.deepEqual(aborted, { kind: "stopped" });
    assert.equal(lists(r.api).length, 2);
  });

  test("a publicIp that does not parse as an IP address is unread, with the reason and without the value, asked once", async () => {
    r = await rig({ publicIp: "192.0.2.1`reboot`" });
    const id = await r.launch();
    const found = await lookupAddress(r.deps(), id, r.clock.t + TWENTY_MIN);
    assert.deepEqual(found, { kind: "unread", reason: "GetVnic answered a publicIp that is not an IP address (17 characters): not used" });
    assert.equal(vnicReads(r.api).length, 1);
    assert.deepEqual(addressFields(found as Exclude<typeof found, { kind: "stopped" }>, true), { noPublicIp: { kind: "unread", reason: (found as { reason: string }).reason } });
  });
});

describe("checkedAddresses", () => {
  test("IPv4 and IPv6 addresses pass; anything else is not used", () => {
    assert.deepEqual(checkedAddresses("192.0.2.7", "10.0.0.7"), { kind: "read", publicIp: "192.0.2.7", privateIp: "10.0.0.7" });
    assert.deepEqual(checkedAddresses("2001:db8::7", undefined), { kind: "read", publicIp: "2001:db8::7" });
    assert.deepEqual(checkedAddresses(undefined, "10.0.0.7"), { kind: "read", privateIp: "10.0.0.7" });
    assert.deepEqual(checkedAddresses("192.0.2.7", "10.0.0.7\nx"), { kind: "read", publicIp: "192.0.2.7" }, "a malformed private IP is left out");
    for (const bad of ["192.0.2.256", "host.example.com", "192.0.2.7 ", "-oProxyCommand=x"]) {
      assert.equal(checkedAddresses(bad, "10.0.0.7").kind, "unread", bad);
    }
  });
});
