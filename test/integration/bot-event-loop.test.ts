// The compiled bot publishes its event-loop delay with its heartbeat, and `oyster jobs` (a
// separate process's view of state.db; in-process here) shows it. Needs a build first.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "../../src/cli.ts";
import { compiledEntryPath } from "../../src/startup/compiled-entry.ts";
import { captureOutput } from "../helpers/capture-output.ts";
import { tmpDir } from "../helpers/tmp-dir.ts";
import { waitUntil } from "../helpers/wait-until.ts";

describe("the bot's event-loop numbers", () => {
  it("are in `jobs --json` and `jobs` text while the bot runs, and gone once it stops", async () => {
    const cwd = tmpDir();
    const env = { PATH: process.env.PATH, HOME: cwd, OYSTER_CONFIG_DIR: join(cwd, "config"), OYSTER_DATA_DIR: join(cwd, "data") };
    const bot = spawn(process.execPath, [compiledEntryPath("main")], { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    bot.stderr!.on("data", (d) => (stderr += d));
    const exited = once(bot, "exit");
    const jobs = async (json: boolean) => {
      const c = captureOutput();
      const code = await runCli(["jobs", ...(json ? ["--json"] : [])], { env, out: c.out });
      assert.equal(code, 0, c.stderr);
      return c.stdout;
    };
    try {
      await waitUntil(() => stderr.includes("oyster running"), `the bot to start; it said:\n${stderr}`);
      const doc = JSON.parse(await jobs(true));
      assert.equal(doc.bot.pid, bot.pid);
      const loop = doc.bot.eventLoop;
      assert.deepEqual(Object.keys(loop).sort(), ["maxMs", "p99Ms", "since"]);
      assert.ok(typeof loop.maxMs === "number" && loop.maxMs >= 0 && loop.p99Ms >= 0 && loop.p99Ms <= loop.maxMs, JSON.stringify(loop));
      assert.match(loop.since, /^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
      assert.match(await jobs(false), /^event loop: max delay [\d.]+ ms, p99 [\d.]+ ms since \d{4}-\d\d-\d\d \d\d:\d\d UTC$/m);
    } finally {
      bot.kill("SIGTERM");
    }
    const [code] = await exited;
    assert.equal(code, 0, stderr);
    assert.equal(JSON.parse(await jobs(true)).bot, null);
  });
});
