import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { ociKeyId, signRequest, type SignedHeaders } from "../../../src/oci/sign-request.ts";
import { parseAuthorization, verifyOciSignature, type ReceivedRequest } from "../../helpers/oci-standin/verify-signature.ts";
import { send, startOciStandin, type OciStandin } from "../../helpers/oci-standin/server.ts";
import { rsaKeys } from "../../helpers/oci-standin/keys.ts";

const keys = rsaKeys();
const NOW = new Date("2026-03-01T12:00:00Z");
const now = () => NOW;
const keyId = ociKeyId({ tenancy: "ocid1.tenancy.oc1..t", user: "ocid1.user.oc1..u", fingerprint: "2e:c0:11" });
const HOST = "https://iaas.eu-frankfurt-1.oraclecloud.com";
const BODY = JSON.stringify({ compartmentId: "ocid1.tenancy.oc1..t", shape: "VM.Standard.A1.Flex", displayName: "ø" });

/** The request as Oracle would receive it, for the verifier. */
function received(method: string, target: string, headers: SignedHeaders, body = ""): ReceivedRequest {
  return { method, target, headers: { ...headers }, body: Buffer.from(body, "utf8") };
}
const signedList = (h: SignedHeaders) => parseAuthorization(h.authorization!)!.headers;

describe("signRequest against a stand-in that verifies with the public key", () => {
  let standin: OciStandin;
  before(async () => {
    standin = await startOciStandin(keys.publicKey, now);
  });
  after(() => standin.close());

  test("a GET over loopback signs date, (request-target) and host, and verifies", async () => {
    const url = `${standin.url}/20160918/instances?compartmentId=ocid1.compartment.oc1..c`;
    const headers = signRequest({ method: "GET", url, key: keys.privatePem, keyId, now });
    assert.equal(signedList(headers), "date (request-target) host");
    assert.equal(headers.date, NOW.toUTCString());
    assert.equal(await send(url, "GET", headers), 200);
    assert.deepEqual(standin.verdicts.at(-1), { ok: true, keyId, signed: ["date", "(request-target)", "host"] });
  });

  test("a POST over loopback also signs x-content-sha256, content-type and content-length, and verifies", async () => {
    const url = `${standin.url}/20160918/instances`;
    const headers = signRequest({ method: "POST", url, body: BODY, key: keys.privatePem, keyId, now });
    assert.equal(signedList(headers), "date (request-target) host content-type content-length x-content-sha256");
    assert.equal(headers["x-content-sha256"], createHash("sha256").update(BODY, "utf8").digest("base64"));
    assert.equal(headers["content-length"], String(Buffer.byteLength(BODY)));
    assert.equal(headers["content-type"], "application/json");
    assert.equal(await send(url, "POST", headers, BODY), 200);
    assert.equal(standin.verdicts.at(-1)?.ok, true);
  });

  test("a request signed with another key gets 401", async () => {
    const url = `${standin.url}/20160918/instances`;
    const headers = signRequest({ method: "GET", url, key: rsaKeys().privatePem, keyId, now });
    assert.equal(await send(url, "GET", headers), 401);
    assert.deepEqual(standin.verdicts.at(-1), { ok: false, reason: "signature does not verify" });
  });
});

describe("signRequest: what the verifier refuses", () => {
  const target = "/20160918/instances";
  const post = () => signRequest({ method: "POST", url: HOST + target, body: BODY, key: keys.privatePem, keyId, now });

  test("a body changed after signing fails, with or without a recomputed x-content-sha256", () => {
    const tampered = BODY.replace("A1", "E4");
    assert.deepEqual(verifyOciSignature(received("POST", target, post(), tampered), keys.publicKey, NOW), {
      ok: false,
      reason: "x-content-sha256 does not match the body",
    });
    const rehashed = { ...post(), "x-content-sha256": createHash("sha256").update(tampered).digest("base64") };
    assert.deepEqual(verifyOciSignature(received("POST", target, rehashed, tampered), keys.publicKey, NOW), {
      ok: false,
      reason: "signature does not verify",
    });
  });

  test("a signed header changed after signing fails", () => {
    for (const [name, value] of [["host", "evil.example"], ["content-type", "text/plain"]] as const) {
      const verdict = verifyOciSignature(received("POST", target, { ...post(), [name]: value }, BODY), keys.publicKey, NOW);
      assert.deepEqual(verdict, { ok: false, reason: "signature does not verify" }, name);
    }
    const verdict = verifyOciSignature(received("POST", `${target}?x=1`, post(), BODY), keys.publicKey, NOW);
    assert.deepEqual(verdict, { ok: false, reason: "signature does not verify" }, "request target");
  });

  test("a date changed by one second fails, and a clock more than 5 minutes off is refused", () => {
    const later = new Date(NOW.getTime() + 1000).toUTCString();
    assert.deepEqual(verifyOciSignature(received("POST", target, { ...post(), date: later }, BODY), keys.publicKey, NOW), {
      ok: false,
      reason: "signature does not verify",
    });
    const skewed = new Date(NOW.getTime() + 6 * 60 * 1000);
    assert.deepEqual(verifyOciSignature(received("POST", target, post(), BODY), keys.publicKey, skewed), {
      ok: false,
      reason: "date more than 5 minutes off",
    });
    assert.equal(verifyOciSignature(received("POST", target, post(), BODY), keys.publicKey, NOW).ok, true);
  });

  test("x-date wins over date: it is the one signed, and date is left as given", () => {
    const xDate = NOW.toUTCString();
    const stale = "Mon, 01 Jan 2024 00:00:00 GMT";
    const headers = signRequest({ method: "GET", url: HOST + target, headers: { "X-Date": xDate, Date: stale }, key: keys.privatePem, keyId, now });
    assert.equal(signedList(headers), "x-date (request-target) host");
    assert.equal(headers.date, stale);
    assert.equal(headers["x-date"], xDate);
    assert.equal(verifyOciSignature(received("GET", target, headers), keys.publicKey, NOW).ok, true);
    const moved = { ...headers, "x-date": new Date(NOW.getTime() + 1000).toUTCString() };
    assert.equal(verifyOciSignature(received("GET", target, moved), keys.publicKey, NOW).ok, false);
  });

  test("GET and DELETE sign no body headers; PUT signs them, with an empty body's hash", () => {
    for (const method of ["GET", "DELETE"]) {
      const headers = signRequest({ method, url: HOST + target, key: keys.privatePem, keyId, now });
      assert.equal(headers["x-content-sha256"], undefined, method);
      assert.equal(verifyOciSignature(received(method, target, headers), keys.publicKey, NOW).ok, true, method);
    }
    const put = signRequest({ method: "PUT", url: HOST + target, key: keys.privatePem, keyId, now });
    assert.equal(put["x-content-sha256"], "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    assert.equal(put["content-length"], "0");
    assert.equal(verifyOciSignature(received("PUT", target, put), keys.publicKey, NOW).ok, true);
  });

  test("a POST whose signature leaves out the body headers is refused", () => {
    const asGet = signRequest({ method: "GET", url: HOST + target, key: keys.privatePem, keyId, now });
    assert.deepEqual(verifyOciSignature(received("POST", target, asGet, BODY), keys.publicKey, NOW), {
      ok: false,
      reason: "headers not signed: x-content-sha256 content-type content-length",
    });
  });

  test("signs with a passphrase-protected PEM key", () => {
    const locked = rsaKeys("correct horse");
    const headers = signRequest({ method: "POST", url: HOST + target, body: BODY, key: locked.privatePem, passphrase: "correct horse", keyId, now });
    assert.equal(verifyOciSignature(received("POST", target, headers, BODY), locked.publicKey, NOW).ok, true);
    assert.throws(() => signRequest({ method: "GET", url: HOST + target, key: locked.privatePem, passphrase: "wrong", keyId, now }));
  });

  test("the Authorization header has Oracle's shape", () => {
    assert.match(
      post().authorization!,
      /^Signature version="1",keyId="ocid1\.tenancy\.oc1\.\.t\/ocid1\.user\.oc1\.\.u\/2e:c0:11",algorithm="rsa-sha256",headers="[^"]+",signature="[A-Za-z0-9+/]+=*"$/,
    );
  });
});
