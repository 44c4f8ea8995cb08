import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ociChecks } from "../../../src/doctor/oci-checks.ts";
import { rsaKeys } from "../../helpers/oci-standin/keys.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { configWith } from "./doctor-fixture.ts";

const keys = rsaKeys();

/** An OCI config file with one profile whose key file is `keyFile` (relative to the file). */
function ociFile(keyFile: string, key: string | undefined = keys.privatePem): string {
  const dir = tmpDir("oyster-doctor-oci-");
  mkdirSync(join(dir, ".oci"));
  if (key !== undefined) writeFileSync(join(dir, ".oci", "api.pem"), key, { mode: 0o600 });
  writeFileSync(join(dir, ".oci", "config"), `[DEFAULT]\nuser=ocid1.user.oc1..u\nfingerprint=2e:c0\ntenancy=ocid1.tenancy.oc1..t\nregion=eu-frankfurt-1\nkey_file=${keyFile}\n`);
  return join(dir, ".oci", "config");
}

describe("doctor: the OCI profile", () => {
  it("no OCI config file and no oci keys: the grab is simply not in use (ok)", async () => {
    const { config } = configWith({ "oyster.json": { oci: { configFile: join(tmpDir(), "none") } } });
    const lines = await ociChecks(config, {});
    assert.deepEqual(lines.map((l) => [l.name, l.status]), [["oci", "ok"]]);
  });

  it("a profile that parses with a readable key is ok, with the key file and region", async () => {
    const file = ociFile("api.pem");
    const { config } = configWith({ "oyster.json": { oci: { configFile: file } } });
    const [l] = await ociChecks(config, {});
    assert.equal(l?.status, "ok");
    assert.equal(l?.detail, `profile parses, key ${join(file, "..", "api.pem")} readable, region eu-frankfurt-1`);
  });

  it("a key file that is missing fails, naming it, with the fix", async () => {
    const file = ociFile("gone.pem", undefined);
    const { config } = configWith({ "oyster.json": { oci: { configFile: file, compartmentId: "ocid1.compartment.oc1..c" } } });
    const [l] = await ociChecks(config, {});
    assert.equal(l?.status, "fail");
    assert.match(l?.detail ?? "", /key_file .*gone\.pem: not found/);
    assert.ok(l?.fix);
  });

  it("a grab set up only in part warns, naming the missing keys", async () => {
    const file = ociFile("api.pem");
    const { config } = configWith({ "oyster.json": { oci: { configFile: file, compartmentId: "ocid1.compartment.oc1..c" } } });
    const [, grab] = await ociChecks(config, {});
    assert.equal(grab?.status, "warn");
    assert.match(grab?.detail ?? "", /missing oci\.imageId, oci\.subnetId/);
  });
});
