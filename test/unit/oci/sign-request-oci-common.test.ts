import { describe, test } from "node:test";
import assert from "node:assert/strict";
import common from "oci-common";
import { ociKeyId, signRequest } from "../../../src/oci/sign-request.ts";
import { parseAuthorization } from "../../helpers/oci-standin/verify-signature.ts";
import { rsaKeys } from "../../helpers/oci-standin/keys.ts";

/**
 * Oracle's own signer (oci-common's DefaultRequestSigner) and ours, on the same request, key and
 * date. RSA PKCS#1 v1.5 signatures are deterministic, so equal signing strings give equal bytes.
 * oci-common always signs x-date, so ours is given the same x-date.
 */
const ids = { tenancy: "ocid1.tenancy.oc1..aaaat", user: "ocid1.user.oc1..aaaau", fingerprint: "2e:c0:11:22:33:44" };
const X_DATE = "Sun, 01 Mar 2026 12:00:00 GMT";
const URL_BASE = "https://iaas.eu-frankfurt-1.oraclecloud.com/20160918/instances";
const BODY = JSON.stringify({ compartmentId: "ocid1.tenancy.oc1..aaaat", shape: "VM.Standard.A1.Flex", displayName: "oyster-ärm-1" });

async function oracleSigns(method: "GET" | "POST", uri: string, privatePem: string, passphrase: string | null, body?: string) {
  const provider = new common.SimpleAuthenticationDetailsProvider(ids.tenancy, ids.user, ids.fingerprint, privatePem, passphrase);
  const request: common.HttpRequest = { method, uri, headers: new Headers({ "x-date": X_DATE }), ...(body ? { body } : {}) };
  await new common.DefaultRequestSigner(provider).signHttpRequest(request);
  return request.headers;
}

/**
 * oci-common writes the signed header names as it spells them (`Content-Type Content-Length`);
 * the signing string lowercases them, so the names are compared without case.
 */
function params(authorization: string): Record<string, string> {
  const p = parseAuthorization(authorization)!;
  return { ...p, headers: p.headers!.toLowerCase() };
}

describe("signRequest matches oci-common's DefaultRequestSigner", () => {
  const keys = rsaKeys();

  test("a GET with a query: same Authorization (signature, keyId, signed headers)", async () => {
    const uri = `${URL_BASE}?compartmentId=ocid1.compartment.oc1..c&limit=50`;
    const oracle = await oracleSigns("GET", uri, keys.privatePem, null);
    const ours = signRequest({ method: "GET", url: uri, headers: { "x-date": X_DATE }, key: keys.privatePem, keyId: ociKeyId(ids) });
    assert.deepEqual(params(ours.authorization!), params(oracle.get("authorization")!));
    assert.equal(params(ours.authorization!).headers, "x-date (request-target) host");
    assert.equal(ours.host, oracle.get("host"));
  });

  test("a POST with a JSON body: same Authorization, x-content-sha256 and content-length", async () => {
    const oracle = await oracleSigns("POST", URL_BASE, keys.privatePem, null, BODY);
    const ours = signRequest({ method: "POST", url: URL_BASE, headers: { "x-date": X_DATE }, body: BODY, key: keys.privatePem, keyId: ociKeyId(ids) });
    assert.deepEqual(params(ours.authorization!), params(oracle.get("authorization")!));
    assert.equal(ours["x-content-sha256"], oracle.get("x-content-sha256"));
    assert.equal(ours["content-length"], oracle.get("content-length"));
    assert.equal(ours["content-type"], oracle.get("content-type"));
  });

  test("a POST with a passphrase-protected key: same signature", async () => {
    const locked = rsaKeys("correct horse");
    const oracle = await oracleSigns("POST", URL_BASE, locked.privatePem, "correct horse", BODY);
    const ours = signRequest({
      method: "POST", url: URL_BASE, headers: { "x-date": X_DATE }, body: BODY,
      key: locked.privatePem, passphrase: "correct horse", keyId: ociKeyId(ids),
    });
    assert.equal(params(ours.authorization!).signature, params(oracle.get("authorization")!).signature);
  });

  test("a different date gives a different signature (the comparison can fail)", async () => {
    const oracle = await oracleSigns("GET", URL_BASE, keys.privatePem, null);
    const ours = signRequest({ method: "GET", url: URL_BASE, headers: { "x-date": "Sun, 01 Mar 2026 12:00:01 GMT" }, key: keys.privatePem, keyId: ociKeyId(ids) });
    assert.notEqual(params(ours.authorization!).signature, params(oracle.get("authorization")!).signature);
  });
});
