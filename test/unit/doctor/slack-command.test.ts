// `/oyster doctor`: an operator's, answered with the checklist; a viewer is refused.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { commands } from "../../../commands/index.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { handleSlash, type SlackDeps } from "../../../src/slack/router.ts";
import { createSshPool } from "../../../src/ssh/index.ts";
import { openStore } from "../../../src/store/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

function deps(locale: string): SlackDeps {
  const dir = tmpDir();
  mkdirSync(join(dir, "config"));
  writeFileSync(join(dir, "config", "oyster.json"), JSON.stringify({ locale, roles: { operators: ["UOPER"] }, dispatch: { dir: join(dir, "none") } }));
  const config = loadConfig({ dir: join(dir, "config") }).config;
  const { log } = memoryLogger("silent");
  return { config, store: openStore(dir), ssh: createSshPool(config, log), log, env: { HOME: dir }, dataDir: dir, commands, now: () => new Date() };
}

describe("/oyster doctor", () => {
  it("refuses a viewer", async () => {
    const reply = await handleSlash(deps("en"), { text: "doctor", userId: "UVIEW", channelId: "C1" });
    assert.equal(reply.responseType, "ephemeral");
    assert.match(JSON.stringify(reply), /operator/);
    assert.doesNotMatch(JSON.stringify(reply), /Config files/);
  });

  it("answers an operator privately with the checklist, in the configured language", async () => {
    const reply = await handleSlash(deps("zh-CN"), { text: "doctor", userId: "UOPER", channelId: "C1" });
    const shown = JSON.stringify(reply);
    assert.equal(reply.responseType, "ephemeral");
    assert.match(shown, /配置文件/);
    assert.match(shown, /Slack 未启用：SLACK_BOT_TOKEN 和 SLACK_APP_TOKEN 都没有设置/);
    assert.match(shown, /修复：/);
  });
});
