// Credentials in a configured URL (heartbeat.url, oci.endpoints.*) are a config error that names
// the key and never prints the password: fetch quotes a URL whole in its error messages, so a
// password there would reach the log on every failed request.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError } from "../../../src/errors.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { inProcessCli } from "../../helpers/in-process-cli.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { configDir, HOME_ENV, thrown } from "./config-dir.ts";

const PASSWORD = "pa55-w0rd-xyz";
const PING_TOKEN = "5f1c3b9e-7a2d-4c61-9e0b-2d8f6a4c1e77";
const WITH_CREDENTIALS = {
  heartbeat: { url: `https://ops:${PASSWORD}@hc-ping.com/${PING_TOKEN}` },
  oci: { endpoints: { core: `https://ops:${PASSWORD}@iaas.eu-frankfurt-1.oraclecloud.com`, identity: `http://${PASSWORD}@127.0.0.1:9999/` } },
};

describe("credentials in configured URLs", () => {
  it("heartbeat.url and oci.endpoints.core/identity with user:pass@ are each a config error naming the key (exit 2), the password never printed", () => {
    const err = thrown(() => loadConfig({ dir: configDir({ "oyster.json": WITH_CREDENTIALS }), env: HOME_ENV }));
    assert.ok(err instanceof ConfigError, String(err));
    assert.equal(err.exitCode, 2);
    const tail = "has credentials (user:pass@), which are refused: secrets never live in config files, and a URL's credentials end up in error messages; drop them from the URL";
    assert.deepEqual(err.problems, [
      `oyster.json: oci.endpoints.core: "https://***@iaas.eu-frankfurt-1.oraclecloud.com" ${tail}`,
      `oyster.json: oci.endpoints.identity: "http://***@127.0.0.1:9999" ${tail}`,
      `oyster.json: heartbeat.url: "https://***@hc-ping.com/..." ${tail}`,
    ]);
    const all = `${err.message}\n${err.problems.join("\n")}`;
    assert.ok(!all.includes(PASSWORD), "no password");
    assert.ok(!all.includes(PING_TOKEN), "nor the ping URL's token");
  });

  it("a broken URL with credentials is quoted with its userinfo hidden", () => {
    const err = thrown(() => loadConfig({ dir: configDir({ "oyster.json": { heartbeat: { url: `https://ops:${PASSWORD}/x@hc-ping.com:99999/` } } }), env: HOME_ENV }));
    assert.ok(err instanceof ConfigError);
    assert.deepEqual(err.problems, ['oyster.json: heartbeat.url: expected an http(s) URL, got "https://***@hc-ping.com:99999/"']);
  });

  it("the real CLI exits 2 and neither stderr nor the --json document holds the password", async () => {
    const dir = tmpDir();
    const env = { ...HOME_ENV, PATH: process.env.PATH, OYSTER_CONFIG_DIR: configDir({ "oyster.json": WITH_CREDENTIALS }), OYSTER_DATA_DIR: `${dir}/data` };
    const r = await inProcessCli(env)(["status", "--json"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /oyster\.json: heartbeat\.url: "https:\/\/\*\*\*@hc-ping\.com\/\.\.\." has credentials/);
    assert.match(r.stderr, /oyster\.json: oci\.endpoints\.core: /);
    assert.match(r.stderr, /oyster\.json: oci\.endpoints\.identity: /);
    assert.equal(r.doc.ok, false);
    assert.equal(r.doc.error.code, "ConfigError");
    assert.equal(r.doc.error.problems.length, 3);
    for (const text of [r.stdout, r.stderr]) {
      assert.ok(!text.includes(PASSWORD), "no password");
      assert.ok(!text.includes(PING_TOKEN), "no ping token");
    }
  });

  it("URLs without credentials load as written", () => {
    const { oyster } = loadConfig({
      dir: configDir({ "oyster.json": { heartbeat: { url: `https://hc-ping.com/${PING_TOKEN}` }, oci: { endpoints: { core: "http://127.0.0.1:9999/" } } } }),
      env: HOME_ENV,
    }).config;
    assert.equal(oyster.heartbeat.url, `https://hc-ping.com/${PING_TOKEN}`);
    assert.equal(oyster.oci.endpoints.core, "http://127.0.0.1:9999/");
  });
});
