// A signed OCI request is never sent on to a redirect's host: the redirect is an HTTP error
// naming its status and the Location's host, and that host sees no request.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { createOciClient } from "../../../src/oci/client.ts";
import { classifyAttempt } from "../../../src/oci/classify-attempt.ts";
import { buildLaunchDetails } from "../../../src/oci/launch-details.ts";
import { COMPARTMENT, now, profile } from "./fixtures.ts";

async function listen(handler: (url: string, res: import("node:http").ServerResponse) => void) {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    req.on("end", () => handler(req.url ?? "", res));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

describe("OCI signed requests and redirects", () => {
  let other: Awaited<ReturnType<typeof listen>>;
  let oci: Awaited<ReturnType<typeof listen>>;
  before(async () => {
    other = await listen((_url, res) => res.end("[]"));
    oci = await listen((url, res) => {
      res.writeHead(url.includes("instances?") ? 302 : 307, { location: `${other.url}${url}` });
      res.end();
    });
  });
  after(() => {
    other.server.close();
    oci.server.close();
  });

  it("a 302 on a GET and a 307 on LaunchInstance are errors naming the status and host; the other host is never contacted", async () => {
    const client = createOciClient({ profile, region: "eu-frankfurt-1", endpoints: { core: oci.url, identity: oci.url }, now, timeoutMs: 3000 });
    const host = new URL(other.url).host;
    const listed = await client.listInstances(COMPARTMENT);
    assert.deepEqual(listed, { ok: false, error: { kind: "http", status: 302, message: `redirect to ${host} not followed (the request is signed)` } });
    const details = buildLaunchDetails({
      compartmentId: COMPARTMENT, availabilityDomain: "AD-1", imageId: "ocid1.image.oc1..img", subnetId: "ocid1.subnet.oc1..sub",
      sshPublicKey: "ssh-ed25519 AAAAC3Nza test@oyster\n", ocpus: 2, memoryGb: 12,
    });
    const launched = await client.launchInstance(details, "retry-token-1");
    assert.ok(!launched.ok && launched.error.kind === "http" && launched.error.status === 307);
    // A redirecting endpoint is a misconfiguration that retrying cannot fix: the grab stops and says where it pointed.
    const verdict = classifyAttempt(launched);
    assert.equal(verdict.action, "rejected");
    assert.match(verdict.explanation, new RegExp(`HTTP 307 redirect to ${host.replace(/\./g, "\\.")} not followed`));
    assert.equal(oci.hits.length, 2);
    assert.deepEqual(other.hits, [], "the redirect's host never saw a signed request");
  });
});
