import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createPrivateKey } from "node:crypto";
import { createOciClient } from "../../../src/oci/client.ts";
import { buildLaunchDetails } from "../../../src/oci/launch-details.ts";
import { startOciFakeApi, type FakeApi, type FakeInstance } from "../../helpers/oci-standin/fake-api.ts";
import { OCI_ERRORS } from "../../helpers/oci-standin/replies.ts";
import { rsaKeys } from "../../helpers/oci-standin/keys.ts";
import { clientFor, closedPort, COMPARTMENT, keys, now, profile } from "./fixtures.ts";

const details = buildLaunchDetails({
  compartmentId: COMPARTMENT,
  availabilityDomain: "Uocm:EU-FRANKFURT-1-AD-1",
  imageId: "ocid1.image.oc1..img",
  subnetId: "ocid1.subnet.oc1..sub",
  sshPublicKey: "ssh-ed25519 AAAAC3Nza test@oyster\n",
  ocpus: 2,
  memoryGb: 12,
});

function existing(n: number, state = "RUNNING", compartmentId = COMPARTMENT): FakeInstance {
  return { id: `ocid1.instance.oc1..old${n}`, compartmentId, availabilityDomain: "AD-1", shape: "VM.Standard.A1.Flex", displayName: `old-${n}`, lifecycleState: state };
}

describe("createOciClient against the fake Core + Identity API on loopback", () => {
  let api: FakeApi;
  before(async () => {
    api = await startOciFakeApi({
      publicKey: keys.publicKey,
      now,
      pageSize: 2,
      instances: [existing(1), existing(2, "TERMINATED"), existing(3), existing(4, "RUNNING", "ocid1.compartment.oc1..other"), existing(5)],
    });
  });
  after(() => api.close());

  test("listInstances follows opc-next-page until the last page, each request signed and verified", async () => {
    const from = api.requests.length;
    const result = await clientFor(api).listInstances(COMPARTMENT);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.value.map((i) => i.id), ["ocid1.instance.oc1..old1", "ocid1.instance.oc1..old2", "ocid1.instance.oc1..old3", "ocid1.instance.oc1..old5"]);
    const sent = api.requests.slice(from);
    assert.deepEqual(sent.map((r) => r.query), [
      { compartmentId: COMPARTMENT },
      { compartmentId: COMPARTMENT, page: "2" },
    ]);
    for (const r of sent) {
      assert.equal(r.path, "/20160918/instances");
      assert.ok(r.verdict.ok, JSON.stringify(r.verdict));
      assert.equal(r.verdict.keyId, `${profile.tenancy}/${profile.user}/${profile.fingerprint}`);
    }
  });

  test("launchInstance POSTs the body with opc-retry-token and the body headers signed", async () => {
    const from = api.requests.length;
    const result = await clientFor(api).launchInstance(details, "token-attempt-1");
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.value.lifecycleState, "PROVISIONING");
    assert.ok(result.opcRequestId);
    const [sent] = api.requests.slice(from);
    assert.equal(sent!.method, "POST");
    assert.equal(sent!.path, "/20160918/instances");
    assert.equal(sent!.headers["opc-retry-token"], "token-attempt-1");
    assert.deepEqual(sent!.body, details);
    assert.ok(sent!.verdict.ok, JSON.stringify(sent!.verdict));
    for (const h of ["(request-target)", "host", "date", "x-content-sha256", "content-type", "content-length"]) {
      assert.ok(sent!.verdict.signed.includes(h), `${h} signed`);
    }
  });

  test("a launch re-sent with the same opc-retry-token gives the same instance, not a second one", async () => {
    const client = clientFor(api);
    const first = await client.launchInstance(details, "token-resend");
    const again = await client.launchInstance(details, "token-resend");
    assert.ok(first.ok && again.ok);
    assert.equal(again.value.id, first.value.id);
  });

  test("getInstance reads the instance until RUNNING", async () => {
    const client = clientFor(api);
    const launched = await client.launchInstance(details, "token-poll");
    assert.ok(launched.ok);
    const first = await client.getInstance(launched.value.id);
    const second = await client.getInstance(launched.value.id);
    assert.ok(first.ok && second.ok);
    assert.deepEqual([first.value.lifecycleState, second.value.lifecycleState], ["PROVISIONING", "RUNNING"]);
    assert.equal(api.requests.at(-1)!.path, `/20160918/instances/${launched.value.id}`);
  });

  test("listAvailabilityDomains asks the identity host with the compartment", async () => {
    const result = await clientFor(api).listAvailabilityDomains(COMPARTMENT);
    assert.ok(result.ok);
    assert.deepEqual(result.value.map((ad) => ad.name), ["Uocm:EU-FRANKFURT-1-AD-1", "Uocm:EU-FRANKFURT-1-AD-2"]);
    const sent = api.requests.at(-1)!;
    assert.equal(sent.path, "/20160918/availabilityDomains");
    assert.deepEqual(sent.query, { compartmentId: COMPARTMENT });
  });

  test("listVnicAttachments and getVnic lead from the instance to its public IP", async () => {
    const client = clientFor(api);
    const launched = await client.launchInstance(details, "token-vnic");
    assert.ok(launched.ok);
    const attachments = await client.listVnicAttachments(COMPARTMENT, launched.value.id);
    assert.ok(attachments.ok);
    assert.deepEqual(api.requests.at(-1)!.query, { compartmentId: COMPARTMENT, instanceId: launched.value.id });
    assert.equal(attachments.value.length, 1);
    const vnic = await client.getVnic(attachments.value[0]!.vnicId!);
    assert.ok(vnic.ok);
    assert.match(vnic.value.publicIp ?? "", /^192\.0\.2\.\d+$/);
    assert.equal(api.requests.at(-1)!.path, `/20160918/vnics/${attachments.value[0]!.vnicId}`);
  });

  test("an error body comes back as {status, code, message}, not thrown", async () => {
    api.launches.push(OCI_ERRORS.outOfCapacity);
    const result = await clientFor(api).launchInstance(details, "token-capacity");
    assert.ok(!result.ok);
    assert.deepEqual({ ...result.error, opcRequestId: undefined }, {
      kind: "http", status: 500, code: "InternalError", message: "Out of host capacity.", opcRequestId: undefined,
    });
  });

  test("a request signed with another key is refused by the stand-in with 401 NotAuthenticated", async () => {
    const stranger = createPrivateKey(rsaKeys().privatePem);
    const client = createOciClient({ profile: { ...profile, privateKey: stranger }, region: "x", endpoints: { core: api.url }, now });
    const result = await client.getInstance("ocid1.instance.oc1..old1");
    assert.ok(!result.ok);
    assert.equal(result.error.kind, "http");
    assert.equal(result.error.kind === "http" && result.error.code, "NotAuthenticated");
    assert.equal(api.requests.at(-1)!.verdict.ok, false);
  });

  test("a closed port on 127.0.0.1 is a network failure, not an exception", async () => {
    const port = await closedPort();
    const client = createOciClient({ profile, region: "x", endpoints: { core: `http://127.0.0.1:${port}` }, now, timeoutMs: 5000 });
    const result = await client.listInstances(COMPARTMENT);
    assert.ok(!result.ok);
    assert.equal(result.error.kind, "network");
    assert.match(result.error.kind === "network" ? result.error.message : "", /ECONNREFUSED/);
  });
});

test("default hosts are the regional iaas and identity hosts", async () => {
  const urls: string[] = [];
  const fetch = (async (url: URL) => {
    urls.push(String(url));
    return new Response("[]", { status: 200 });
  }) as unknown as typeof globalThis.fetch;
  const client = createOciClient({ profile, region: "eu-frankfurt-1", fetch, now });
  assert.equal(client.coreUrl, "https://iaas.eu-frankfurt-1.oraclecloud.com");
  await client.listInstances("c1");
  await client.listAvailabilityDomains("c1");
  assert.deepEqual(urls, [
    "https://iaas.eu-frankfurt-1.oraclecloud.com/20160918/instances?compartmentId=c1",
    "https://identity.eu-frankfurt-1.oraclecloud.com/20160918/availabilityDomains?compartmentId=c1",
  ]);
});
