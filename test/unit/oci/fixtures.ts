import { createPrivateKey } from "node:crypto";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { rsaKeys } from "../../helpers/oci-standin/keys.ts";
import { createOciClient, type OciClient } from "../../../src/oci/client.ts";
import type { FakeApi } from "../../helpers/oci-standin/fake-api.ts";

export const keys = rsaKeys();
export const profile = {
  tenancy: "ocid1.tenancy.oc1..t",
  user: "ocid1.user.oc1..u",
  fingerprint: "2e:c0:11:22",
  privateKey: createPrivateKey(keys.privatePem),
};
/** One fixed instant for signer and verifier: no wall clock in these tests. */
export const now = () => new Date("2026-03-01T12:00:00Z");
export const COMPARTMENT = "ocid1.tenancy.oc1..t";

export function clientFor(api: FakeApi, extra: { timeoutMs?: number } = {}): OciClient {
  return createOciClient({ profile, region: "eu-frankfurt-1", endpoints: { core: api.url, identity: api.url }, now, timeoutMs: 5000, ...extra });
}

/** A port on 127.0.0.1 that was just bound and released: connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}
