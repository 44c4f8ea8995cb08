// The bot keeps running through an unhandled rejection, and what it writes about it goes through
// the scrubbing logger: a provider key in the rejection's message reaches neither stderr nor the
// log file. The real bot process, with a real rejection (preloaded), not a stand-in handler.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { PROJECT_ROOT, TSX_LOADER } from "../helpers/spawn-tsx.ts";
import { tmpDir } from "../helpers/tmp-dir.ts";
import { waitUntil } from "../helpers/wait-until.ts";

const SECRET = "sk-ant-test-0123456789abcdef";

describe("unhandled rejections in the bot", () => {
  it("are logged scrubbed of secrets (stderr and logs/oyster.log), and the bot keeps running", async () => {
    const cwd = tmpDir();
    mkdirSync(join(cwd, "config"));
    writeFileSync(join(cwd, "config", "oyster.json"), JSON.stringify({ monitor: { providers: { anthropic: [{ label: "main", keyEnv: "TEST_ANTHROPIC_KEY", baseUrl: "http://127.0.0.1:9" }] } } }));
    const dataDir = join(cwd, "data");
    const env = { PATH: process.env.PATH, HOME: cwd, OYSTER_DATA_DIR: dataDir, TEST_ANTHROPIC_KEY: SECRET, REJECT_SECRET_ENV: "TEST_ANTHROPIC_KEY" };
    const preload = join(PROJECT_ROOT, "test/helpers/fixtures/reject-once-running.ts");
    const bot = spawn(process.execPath, ["--import", TSX_LOADER, "--import", preload, join(PROJECT_ROOT, "src/main.ts")], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    bot.stderr.on("data", (d) => (stderr += d));
    const logFile = join(dataDir, "logs", "oyster.log");
    const logged = () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : "");
    try {
      await waitUntil(() => (logged().match(/unhandled rejection/g) ?? []).length === 2 && stderr.match(/unhandled rejection/g)?.length === 2, "both rejections logged");
      assert.equal(bot.exitCode, null, "still running");
      assert.ok(!stderr.includes(SECRET), `secret on stderr:\n${stderr}`);
      assert.ok(!logged().includes(SECRET), "secret in oyster.log");
      assert.match(stderr, /provider refused key \[REDACTED\]/);
    } finally {
      bot.kill("SIGTERM");
      if (bot.exitCode === null) await once(bot, "exit");
    }
  });
});
