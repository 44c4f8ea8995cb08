// manifest.yml against Slack's own JSON schema (slackapi/manifest-schema v0.5.0, MIT, vendored in
// test/fixtures/slack-manifest-schema so this runs on a fresh clone).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { commands } from "../../../commands/index.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const schemaDir = `${root}test/fixtures/slack-manifest-schema`;
const manifest = parse(readFileSync(`${root}manifest.yml`, "utf8")) as {
  features: { slash_commands: Array<{ command: string; usage_hint: string; url?: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { socket_mode_enabled: boolean; interactivity: { is_enabled: boolean } };
};

describe("manifest.yml", () => {
  it("validates against Slack's manifest schema", () => {
    const load = (f: string) => JSON.parse(readFileSync(`${schemaDir}/${f}`, "utf8")) as Record<string, unknown>;
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    ajv.addSchema(load("manifest.schema.1.0.0.json"), "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.1.0.0.json");
    ajv.addSchema(load("manifest.schema.2.0.0.json"), "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.2.0.0.json");
    const validate = ajv.compile(load("manifest.schema.json"));
    const ok = validate(manifest);
    assert.ok(ok, JSON.stringify(validate.errors, null, 2));
  });

  it("has Socket Mode, interactivity, one /oyster command and the scopes the bot uses", () => {
    assert.equal(manifest.settings.socket_mode_enabled, true);
    assert.equal(manifest.settings.interactivity.is_enabled, true);
    assert.deepEqual(manifest.features.slash_commands.map((c) => c.command), ["/oyster"]);
    assert.deepEqual([...manifest.oauth_config.scopes.bot].sort(), ["channels:read", "chat:write", "commands", "files:write", "groups:read"]);
  });

  it("lists every command of the registry that Slack runs in the usage hint, in order, and no CLI-only one", () => {
    const inSlack = commands.filter((c) => c.slack !== false).map((c) => c.name);
    assert.ok(inSlack.length < commands.length && !inSlack.includes("restore"), "restore is CLI only");
    assert.deepEqual(manifest.features.slash_commands[0]?.usage_hint.split(" | "), inSlack);
  });
});
