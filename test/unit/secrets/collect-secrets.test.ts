import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadConfig } from "../../../src/config/index.ts";
import { collectSecrets, secretEnvNames } from "../../../src/secrets/index.ts";
import { configDir, HOME_ENV } from "../config/config-dir.ts";

function configWithProviders() {
  const providers = { openai: [{ label: "main", keyEnv: "SOME_PROVIDER_KEY", adminKeyEnv: "OPENAI_ADMIN_KEY" }], zai: [{ label: "z", keyEnv: "ZAI_KEY" }] };
  return loadConfig({ dir: configDir({ "oyster.json": { monitor: { providers } } }), env: HOME_ENV }).config;
}

describe("collectSecrets", () => {
  it("names Slack, SMTP and every keyEnv / adminKeyEnv that oyster.json names", () => {
    assert.deepEqual(secretEnvNames(configWithProviders()), [
      "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SMTP_URL", "SOME_PROVIDER_KEY", "OPENAI_ADMIN_KEY", "ZAI_KEY",
    ]);
  });

  it("collects their values, the SMTP password as written and as decoded, longest first", () => {
    const env = { SLACK_BOT_TOKEN: "xoxb-1-abcdef", SMTP_URL: "smtp://ops:p%40ss-word@relay:587", SOME_PROVIDER_KEY: "sk-provider-123456", ZAI_KEY: "zai-secret", PATH: "/usr/bin" };
    const { values, tooShort } = collectSecrets(env, configWithProviders());
    assert.deepEqual(values, ["smtp://ops:p%40ss-word@relay:587", "sk-provider-123456", "xoxb-1-abcdef", "p%40ss-word", "zai-secret", "p@ss-word"]);
    assert.deepEqual(tooShort, []);
  });

  it("lists by name, never by value, the secrets too short to scrub", () => {
    const { values, tooShort } = collectSecrets({ SLACK_APP_TOKEN: "xapp1", SMTP_URL: "smtp://u:pw@relay", ZAI_KEY: "z" }, configWithProviders());
    assert.deepEqual(tooShort, ["SLACK_APP_TOKEN", "SMTP_URL (its password)", "ZAI_KEY"]);
    assert.deepEqual(values, ["smtp://u:pw@relay"]);
  });

  it("without a config knows only Oyster's own variables", () => {
    assert.deepEqual(collectSecrets({ SLACK_BOT_TOKEN: "xoxb-1-abcdef", SOME_PROVIDER_KEY: "sk-provider-123456" }).values, ["xoxb-1-abcdef"]);
  });
});
