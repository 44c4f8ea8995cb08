import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createPublicKey } from "node:crypto";
import { readOciConfig } from "../../../src/oci/config-file.ts";
import { ConfigError, OysterError } from "../../../src/errors.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { rsaKeys } from "../../helpers/oci-standin/keys.ts";

const plain = rsaKeys();
const locked = rsaKeys("hunter2-passphrase");

/** A fake home with ~/.oci/config and its keys, as the OCI CLI's setup leaves them. */
function home(config: string): { home: string; file: string } {
  const dir = tmpDir("oyster-oci-");
  mkdirSync(join(dir, ".oci"));
  writeFileSync(join(dir, ".oci", "oci_api_key.pem"), plain.privatePem, { mode: 0o600 });
  writeFileSync(join(dir, ".oci", "locked.pem"), locked.privatePem, { mode: 0o600 });
  writeFileSync(join(dir, ".oci", "config"), config);
  return { home: dir, file: join(dir, ".oci", "config") };
}

const CONFIG = `# made by oci setup config
[DEFAULT]
user=ocid1.user.oc1..default
fingerprint=2e:c0:00
tenancy=ocid1.tenancy.oc1..t
region=eu-frankfurt-1
key_file=~/.oci/oci_api_key.pem

[ADMIN]
user = ocid1.user.oc1..admin
fingerprint = 2e:c0:aa
key_file = ~/.oci/locked.pem
pass_phrase = hunter2-passphrase
region = us-ashburn-1

[BROKEN]
key_file=~/.oci/nowhere.pem
`;

function rejectsWith(code: string, includes: string[], excludes: string[] = []) {
  return (err: unknown) => {
    assert.ok(err instanceof OysterError, String(err));
    assert.equal(err.code, code);
    for (const s of includes) assert.ok(err.message.includes(s), `${JSON.stringify(err.message)} names ${s}`);
    for (const s of excludes) assert.ok(!JSON.stringify({ m: err.message, d: err.details }).includes(s), `message leaks ${s}`);
    return true;
  };
}

describe("readOciConfig", () => {
  test("reads the DEFAULT profile, expanding ~ in key_file, and parses the key", async () => {
    const h = home(CONFIG);
    const p = await readOciConfig({ file: h.file, home: h.home });
    assert.equal(p.profile, "DEFAULT");
    assert.equal(p.user, "ocid1.user.oc1..default");
    assert.equal(p.tenancy, "ocid1.tenancy.oc1..t");
    assert.equal(p.region, "eu-frankfurt-1");
    assert.equal(p.keyFile, join(h.home, ".oci", "oci_api_key.pem"));
    assert.deepEqual(createPublicKey(p.privateKey).export({ type: "spki", format: "pem" }), plain.publicKey.export({ type: "spki", format: "pem" }));
  });

  test("a named profile inherits what it lacks from DEFAULT and overrides the rest", async () => {
    const h = home(CONFIG);
    const p = await readOciConfig({ file: h.file, profile: "ADMIN", home: h.home });
    assert.equal(p.user, "ocid1.user.oc1..admin");
    assert.equal(p.fingerprint, "2e:c0:aa");
    assert.equal(p.tenancy, "ocid1.tenancy.oc1..t", "inherited");
    assert.equal(p.region, "us-ashburn-1");
  });

  test("reads a passphrase-protected key with the profile's pass_phrase, and keeps neither text", async () => {
    const h = home(CONFIG);
    const p = await readOciConfig({ file: h.file, profile: "ADMIN", home: h.home });
    assert.equal(createPublicKey(p.privateKey).export({ type: "spki", format: "pem" }), locked.publicKey.export({ type: "spki", format: "pem" }));
    const shown = JSON.stringify(p) + JSON.stringify(Object.values(p));
    assert.ok(!shown.includes("hunter2"), "no passphrase in the result");
    assert.ok(!shown.includes("PRIVATE KEY"), "no PEM in the result");
  });

  test("a wrong pass_phrase is a ConfigError naming the key file, not the passphrase", async () => {
    const h = home(CONFIG.replace("pass_phrase = hunter2-passphrase", "pass_phrase = not-the-one"));
    await assert.rejects(
      readOciConfig({ file: h.file, profile: "ADMIN", home: h.home }),
      rejectsWith("ConfigError", ["locked.pem", "pass_phrase"], ["not-the-one", "PRIVATE KEY"]),
    );
  });

  test("an encrypted key with no pass_phrase says so", async () => {
    const h = home(CONFIG.replace("pass_phrase = hunter2-passphrase\n", ""));
    await assert.rejects(readOciConfig({ file: h.file, profile: "ADMIN", home: h.home }), rejectsWith("ConfigError", ["encrypted", "no pass_phrase"]));
  });

  test("missing keys are all named, with the file and the profile", async () => {
    const h = home("[DEFAULT]\nregion=eu-frankfurt-1\n[ONLY]\nuser=ocid1.user.oc1..u\n");
    await assert.rejects(readOciConfig({ file: h.file, profile: "ONLY", home: h.home }), (err: unknown) => {
      assert.ok(err instanceof OysterError);
      assert.equal(err.code, "NotConfigured");
      assert.equal(err.message, `OCI config file ${h.file}, profile [ONLY]: missing fingerprint, tenancy, key_file`);
      assert.deepEqual(err.details.missing, ["fingerprint", "tenancy", "key_file"]);
      return true;
    });
  });

  test("a profile that is not in the file is NotConfigured naming it", async () => {
    const h = home(CONFIG);
    await assert.rejects(readOciConfig({ file: h.file, profile: "PROD", home: h.home }), rejectsWith("NotConfigured", [h.file, "[PROD]"]));
  });

  test("no config file at all is NotConfigured naming the expanded path", async () => {
    const h = home(CONFIG);
    await assert.rejects(
      readOciConfig({ file: "~/.oci/missing-config", home: h.home }),
      rejectsWith("NotConfigured", [join(h.home, ".oci", "missing-config"), "not found"]),
    );
  });

  test("a key_file that does not exist is a ConfigError naming the file, profile and path", async () => {
    const h = home(CONFIG);
    await assert.rejects(
      readOciConfig({ file: h.file, profile: "BROKEN", home: h.home }),
      rejectsWith("ConfigError", [h.file, "[BROKEN]", join(h.home, ".oci", "nowhere.pem"), "not found"]),
    );
  });

  test("an unreadable key_file is a ConfigError (injected readFile, so it holds as root too)", async () => {
    const h = home(CONFIG);
    const denied = Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
    const readFile = async (path: string) => {
      if (path.endsWith("oci_api_key.pem")) throw denied;
      const { readFile: real } = await import("node:fs/promises");
      return real(path, "utf8");
    };
    await assert.rejects(readOciConfig({ file: h.file, home: h.home, readFile }), rejectsWith("ConfigError", ["oci_api_key.pem", "permission denied"]));
  });

  test("a malformed line is a ConfigError by line number, without the line's text", async () => {
    const h = home("[DEFAULT]\nuser=u\npass_phrase secret-without-equals\n");
    await assert.rejects(readOciConfig({ file: h.file, home: h.home }), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.deepEqual(err.problems, [`${h.file}: line 3: expected key=value`]);
      return true;
    });
  });

  test("a key_file that is not a private key is a ConfigError", async () => {
    const h = home(CONFIG);
    writeFileSync(join(h.home, ".oci", "oci_api_key.pem"), "ssh-ed25519 AAAA not a pem\n");
    await assert.rejects(readOciConfig({ file: h.file, home: h.home }), rejectsWith("ConfigError", ["oci_api_key.pem", "not a PEM private key"]));
  });
});
