// `npm start` on a fresh clone (the compiled bot, `node dist/main.js`): no config, no Slack tokens. It must start, say so, and stay up.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { compiledEntryPath } from "../../src/startup/compiled-entry.ts";
import { tmpDir } from "../helpers/tmp-dir.ts";
import { waitUntil } from "../helpers/wait-until.ts";

function startBot(env: NodeJS.ProcessEnv, cwd: string) {
  const child = spawn(process.execPath, [compiledEntryPath("main")], { cwd, env: { PATH: process.env.PATH, HOME: cwd, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  let stdout = "";
  child.stdout.on("data", (d) => (stdout += d));
  return { child, stderr: () => stderr, stdout: () => stdout };
}

/** Until `read()` (what the bot printed so far) includes `text`; a timeout shows what it did print. */
const printed = (read: () => string, text: string) => waitUntil(() => read().includes(text), () => `"${text}"; got:\n${read()}`);

describe("the bot process", () => {
  it("starts with nothing configured, says Slack is off and no nodes are configured, stays up, stops on SIGTERM", async () => {
    const cwd = tmpDir();
    const bot = startBot({}, cwd);
    await printed(bot.stderr, "oyster running");
    assert.match(bot.stderr(), /Slack is off: set SLACK_BOT_TOKEN/);
    assert.match(bot.stderr(), /No nodes configured: add them to .*nodes\.json/);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(bot.child.exitCode, null, "still running");
    bot.child.kill("SIGTERM");
    const [code] = await once(bot.child, "exit");
    assert.equal(code, 0);
    assert.match(bot.stderr(), /stopped/);
    assert.equal(bot.stdout(), "");
  });

  it("refuses to start with half the Slack credentials, naming the missing variable (exit 2)", async () => {
    const cwd = tmpDir();
    const bot = startBot({ SLACK_BOT_TOKEN: "xoxb-test-token-value" }, cwd);
    const [code] = await once(bot.child, "exit");
    assert.equal(code, 2);
    assert.match(bot.stderr(), /environment: SLACK_APP_TOKEN: required for slack\.mode socket/);
    assert.ok(!bot.stderr().includes("xoxb-test-token-value"));
  });

  it("refuses to start on an invalid config file, listing the problems without a stack trace (exit 2)", async () => {
    const cwd = tmpDir();
    mkdirSync(join(cwd, "config"));
    writeFileSync(join(cwd, "config", "guardian_config.json"), JSON.stringify({ interval_seconds: 1, checks: { db_schema: "yes" } }));
    const bot = startBot({}, cwd);
    const [code] = await once(bot.child, "exit");
    assert.equal(code, 2);
    assert.match(bot.stderr(), /^guardian_config\.json: interval_seconds: /m);
    assert.match(bot.stderr(), /^guardian_config\.json: checks\.db_schema: /m);
    assert.doesNotMatch(bot.stderr(), /\n\s+at /);
  });

  it("warns at start when the open-files limit is below nodes + 64, and runs on", async () => {
    const cwd = tmpDir();
    // The limit a child inherits: set in a shell that then becomes the bot (exec), as a service manager would set it.
    const child = spawn("/bin/sh", ["-c", `ulimit -n 60 && exec "$0" "$1"`, process.execPath, compiledEntryPath("main")], { cwd, env: { PATH: process.env.PATH, HOME: cwd }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    await printed(() => stderr, "open-files limit 60 is below nodes + 64 (64)");
    await printed(() => stderr, "oyster running");
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    assert.equal(code, 0);
  });

  it("loads .env from the working directory when there is one", async () => {
    const cwd = tmpDir();
    writeFileSync(join(cwd, ".env"), "SLACK_SIGNING_SECRET=abc123secret\n");
    mkdirSync(join(cwd, "config"));
    writeFileSync(join(cwd, "config", "oyster.json"), JSON.stringify({ slack: { mode: "http" } }));
    const bot = startBot({}, cwd);
    const [code] = await once(bot.child, "exit");
    assert.equal(code, 2);
    assert.match(bot.stderr(), /environment: SLACK_BOT_TOKEN: required for slack\.mode http/);
  });
});
