import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createOciClient } from "../../../src/oci/client.ts";
import { classifyAttempt, LIMIT_EXCEEDED_EXPLANATION } from "../../../src/oci/classify-attempt.ts";
import { buildLaunchDetails } from "../../../src/oci/launch-details.ts";
import type { OciFailure } from "../../../src/oci/types.ts";
import { startOciFakeApi, type FakeApi } from "../../helpers/oci-standin/fake-api.ts";
import { OCI_ERRORS } from "../../helpers/oci-standin/replies.ts";
import { clientFor, closedPort, COMPARTMENT, keys, now, profile } from "./fixtures.ts";

const details = buildLaunchDetails({
  compartmentId: COMPARTMENT,
  availabilityDomain: "Uocm:EU-FRANKFURT-1-AD-1",
  imageId: "ocid1.image.oc1..img",
  subnetId: "ocid1.subnet.oc1..sub",
  sshPublicKey: "ssh-ed25519 AAAA test",
  ocpus: 1,
  memoryGb: 6,
});

const http = (status: number, code?: string, message?: string) =>
  classifyAttempt({ ok: false, error: { kind: "http", status, code, message } as OciFailure });

describe("each row of the response table, answered by the fake API in turn", () => {
  let api: FakeApi;
  before(async () => {
    api = await startOciFakeApi({
      publicKey: keys.publicKey,
      now,
      launches: [
        OCI_ERRORS.outOfCapacity,
        OCI_ERRORS.badGateway,
        OCI_ERRORS.tooManyRequests,
        OCI_ERRORS.limitExceeded,
        OCI_ERRORS.shapeNotFound,
        OCI_ERRORS.notAuthenticated,
        "drop",
        "launch",
      ],
    });
  });
  after(() => api.close());

  test("capacity, 502, 429, LimitExceeded, 404 shape, 401, dropped connection, then launched", async () => {
    const client = clientFor(api);
    const verdicts = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      verdicts.push(classifyAttempt(await client.launchInstance(details, `token-${attempt}`)));
    }
    assert.deepEqual(
      verdicts.map((v) => [v.action, v.stops, v.reuseRetryToken]),
      [
        ["no_capacity", false, false],
        ["transient", false, false],
        ["throttled", false, false],
        ["limit_exceeded", false, false],
        ["skip_ad", false, false],
        ["unauthenticated", true, false],
        ["transient", false, true],
        ["launched", true, false],
      ],
    );
    assert.equal(verdicts[0]!.detail, "HTTP 500 InternalError Out of host capacity.");
    assert.equal(verdicts[7]!.instance?.id, api.instances[0]!.id);
    // Every one of those requests carried a signature the fake verified with the public key.
    assert.ok(api.requests.every((r) => r.verdict.ok));
    assert.equal(api.requests.length, 8);
  });
});

describe("classifyAttempt", () => {
  test("out of capacity is matched on status 500 and the message, whatever the code", () => {
    assert.equal(http(500, "InternalError", "Out of host capacity.").action, "no_capacity");
    assert.equal(http(500, "InternalServerError", "Out of host capacity.").action, "no_capacity");
    assert.equal(http(500, "InternalError", "Something else broke").action, "transient");
    // The message alone, on another status, is not the capacity row.
    assert.equal(http(400, "InvalidParameter", "Out of host capacity.").action, "rejected");
  });

  test("other 5xx are transient and take a new retry token", () => {
    for (const status of [502, 503, 504]) {
      const v = http(status, "ServiceUnavailable", "later");
      assert.deepEqual([v.action, v.stops, v.reuseRetryToken], ["transient", false, false]);
    }
  });

  test("429 TooManyRequests is throttled", () => {
    assert.equal(http(429, "TooManyRequests", "Too many requests for the user").action, "throttled");
  });

  test("400 LimitExceeded re-lists instances, with the human explanation", () => {
    const v = http(400, "LimitExceeded", OCI_ERRORS.limitExceeded.message);
    assert.equal(v.action, "limit_exceeded");
    assert.equal(v.explanation, LIMIT_EXCEEDED_EXPLANATION);
    assert.match(v.explanation, /instance already exists/);
    assert.match(v.explanation, /lists the instances again/);
  });

  test("404 shape not found skips the AD; any other 404 is rejected and stops", () => {
    assert.equal(http(404, "NotAuthorizedOrNotFound", "shape VM.Standard.A1.Flex not found").action, "skip_ad");
    const other = http(404, "NotAuthorizedOrNotFound", "Authorization failed or requested resource not found.");
    assert.deepEqual([other.action, other.stops], ["rejected", true]);
  });

  test("401 stops and the explanation mentions the clock", () => {
    const v = http(401, "NotAuthenticated", "bad signature");
    assert.deepEqual([v.action, v.stops], ["unauthenticated", true]);
    assert.match(v.explanation, /clock/);
  });

  test("a network error on a closed port of 127.0.0.1 is transient and re-sends with the same token", async () => {
    const port = await closedPort();
    const client = createOciClient({ profile, region: "x", endpoints: { core: `http://127.0.0.1:${port}` }, now, timeoutMs: 5000 });
    const v = classifyAttempt(await client.launchInstance(details, "token-net"));
    assert.deepEqual([v.action, v.stops, v.reuseRetryToken], ["transient", false, true]);
    assert.match(v.detail ?? "", /ECONNREFUSED/);
  });

  test("a timeout is transient with the same token; an unreadable 2xx is asked again with it too", () => {
    const timeout = classifyAttempt({ ok: false, error: { kind: "timeout", message: "no answer within 5000 ms" } });
    assert.deepEqual([timeout.action, timeout.reuseRetryToken], ["transient", true]);
    const odd = classifyAttempt({ ok: false, error: { kind: "malformed", status: 200, message: "expected an instance" } });
    assert.deepEqual([odd.action, odd.reuseRetryToken], ["transient", true]);
  });

  test("a success is launched and carries the instance", () => {
    const v = classifyAttempt({ ok: true, value: { id: "ocid1.instance.oc1..new", lifecycleState: "PROVISIONING" } });
    assert.deepEqual([v.action, v.stops, v.instance?.id], ["launched", true, "ocid1.instance.oc1..new"]);
  });
});
