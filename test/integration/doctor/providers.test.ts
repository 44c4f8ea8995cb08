// doctor's provider lines, read once the way the monitor reads them, against the providers' stand-in.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { providerChecks } from "../../../src/doctor/provider-checks.ts";
import { checkAll } from "../../../src/monitor/check-all.ts";
import { startProviderStandin, type ProviderStandin } from "../../helpers/provider-standin/index.ts";
import { monitorConfig } from "../../helpers/provider-standin/monitor-config.ts";

const GOOD = "zai-good-key-0123456789";
const BAD = "zai-revoked-key-9876543210";

describe("doctor: provider keys against the providers' stand-in", () => {
  let standIn: ProviderStandin;
  before(async () => (standIn = await startProviderStandin()));
  after(async () => standIn?.close());

  it("a working key is ok, a rejected one fails naming its variable; neither key is shown", async () => {
    standIn.reset();
    standIn.acceptKeys([GOOD]);
    const config = monitorConfig({ providers: { zai: [{ label: "glm", keyEnv: "ZAI_GOOD", baseUrl: standIn.url }, { label: "old", keyEnv: "ZAI_OLD", baseUrl: standIn.url }] } });
    const env = { ZAI_GOOD: GOOD, ZAI_OLD: BAD };
    const lines = await providerChecks(config, () => checkAll(config, env));
    assert.deepEqual(lines.map((l) => [l.name, l.status]), [["zai:glm", "ok"], ["zai:old", "fail"]]);
    assert.equal(lines[1]?.fix, "set ZAI_OLD to a valid key");
    assert.match(lines[1]?.detail ?? "", /^key_rejected: /);
    assert.equal(standIn.requests.length, 2);
    assert.doesNotMatch(JSON.stringify(lines), new RegExp(`${GOOD}|${BAD}`));
  });

  it("a key variable that is not set fails naming it", async () => {
    standIn.reset();
    const config = monitorConfig({ providers: { zai: [{ label: "glm", keyEnv: "ZAI_UNSET", baseUrl: standIn.url }] } });
    const [l] = await providerChecks(config, () => checkAll(config, {}));
    assert.equal(l?.status, "fail");
    assert.equal(l?.detail, "key_rejected: ZAI_UNSET is not set");
    assert.equal(standIn.requests.length, 0);
  });
});
