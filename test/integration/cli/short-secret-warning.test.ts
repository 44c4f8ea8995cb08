// A secret under 6 characters cannot be scrubbed without mangling ordinary words, so it is not;
// the real bin says so at start, naming the variable and never its value.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runOyster } from "../../helpers/run-oyster.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

function sandbox(secrets: Record<string, string>) {
  const dir = tmpDir();
  const configDir = join(dir, "config");
  mkdirSync(configDir);
  writeFileSync(join(configDir, "oyster.json"), JSON.stringify({ monitor: { providers: { zai: [{ label: "z", keyEnv: "SOME_PROVIDER_KEY" }] } } }));
  return { ...secrets, HOME: dir, PATH: process.env.PATH, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: join(dir, "data") };
}

describe("secrets too short to scrub", () => {
  it("are named in a warning at start, their values never shown", async () => {
    const r = await runOyster(["nodes", "--json"], sandbox({ SLACK_BOT_TOKEN: "qz7w", SOME_PROVIDER_KEY: "vj3x", SLACK_APP_TOKEN: "xapp-long-enough-1" }));
    assert.equal(r.code, 0, r.stderr);
    const warnings = r.stderr.split("\n").filter((l) => /WARN secret too short to scrub/.test(l));
    assert.equal(warnings.length, 2, r.stderr);
    assert.match(warnings[0]!, /variable=SLACK_BOT_TOKEN/);
    assert.match(warnings[1]!, /variable=SOME_PROVIDER_KEY/);
    assert.doesNotMatch(r.stderr + r.stdout, /qz7w|vj3x|SLACK_APP_TOKEN/);
  });

  it("says nothing when every secret is long enough", async () => {
    const r = await runOyster(["nodes", "--json"], sandbox({ SLACK_BOT_TOKEN: "xoxb-long-enough-1", SOME_PROVIDER_KEY: "sk-long-enough-1" }));
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /too short/);
  });
});
