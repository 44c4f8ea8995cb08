// `oyster restart guardian` reaches the running bot through state.db (never a kill by name), and
// SIGHUP reloads the config: a broken one keeps the bot on the old config and raises an alert.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { openStore } from "../../../src/store/index.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { waitUntil } from "../../helpers/wait-until.ts";
import { startBot, type BotProcess } from "../oci/grab-fixture.ts";

describe("restart guardian and SIGHUP", () => {
  let bot: BotProcess | undefined;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const guardianFile = () => join(dir, "config", "guardian_config.json");

  before(() => {
    dir = tmpDir();
    mkdirSync(join(dir, "config"));
    writeFileSync(guardianFile(), JSON.stringify({ interval_seconds: 600 }));
    env = { PATH: process.env.PATH, HOME: dir, OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data") };
  });
  after(async () => {
    await bot?.stop("SIGKILL");
  });

  it("with no bot running says so (exit 1) and queues nothing", async () => {
    const r = await runOyster(["restart", "guardian", "--yes", "--json"], env);
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.error.code, "BotNotRunning");
    assert.match(doc.error.message, /the bot is not running/);
  });

  it("the running bot reloads its config and schedules the guardian again, answering the CLI; audited", async () => {
    bot = await startBot(env, dir);
    writeFileSync(guardianFile(), JSON.stringify({ interval_seconds: 300 }));
    const r = await runOyster(["restart", "guardian", "--yes", "--json"], env);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.ok, true);
    assert.match(doc.answer, /config reloaded: 0 nodes, 0 projects; guardian scheduled every 300 s/);
    assert.match(bot.stderr(), /job scheduled job=guardian schedule=\{"everySeconds":300\}/);
    const audit = JSON.parse((await runOyster(["audit", "--json"], env)).stdout) as { entries: Array<{ command: string; outcome: string }> };
    assert.ok(audit.entries.some((e) => e.command === "restart" && e.outcome === "ok"));
  });

  it("SIGHUP with a broken config keeps the bot running on the old config and raises an alert naming every problem; a good one resolves it", async () => {
    writeFileSync(guardianFile(), JSON.stringify({ interval_seconds: 1, checks: { db_schema: "yes" } }));
    bot!.child.kill("SIGHUP");
    await waitUntil(() => bot!.stderr().includes("config not reloaded (SIGHUP)") || undefined, "the refused reload");
    assert.equal(bot!.child.exitCode, null, "still running");
    // The CLI refuses the broken config too, so the alert is read from state.db itself.
    const store = openStore(join(dir, "data"));
    const a = store.db.prepare("SELECT source, message, status FROM alerts WHERE source = 'config'").get() as { message: string; status: string } | undefined;
    store.close();
    assert.ok(a);
    assert.equal(a.status, "open");
    assert.match(a.message, /guardian_config\.json: interval_seconds/);
    assert.match(a.message, /guardian_config\.json: checks\.db_schema/);

    writeFileSync(guardianFile(), JSON.stringify({ interval_seconds: 900 }));
    bot!.child.kill("SIGHUP");
    await waitUntil(() => bot!.stderr().includes('schedule={"everySeconds":900}') || undefined, "the good reload");
    const after = JSON.parse((await runOyster(["alerts", "--all", "--json"], env)).stdout) as { alerts: Array<{ source: string; status: string }> };
    assert.equal(after.alerts.find((x) => x.source === "config")?.status, "resolved");
    assert.equal(await bot!.stop(), 0);
    bot = undefined;
  });
});
