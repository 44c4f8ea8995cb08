import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { sync } from "../../../jobs/sync/index.ts";
import { LogNotifier } from "../../../src/notify/log-notifier.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { createSshPool } from "../../../src/ssh/index.ts";
import { openStore } from "../../../src/store/index.ts";
import { configDir } from "../config/config-dir.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

describe("sync job", () => {
  it("runs on schedules.sync and counts as changing nodes", () => {
    const { config } = loadConfig({ dir: configDir({ "oyster.json": { schedules: { sync: "15 */2 * * *" } } }), env: { HOME: "/home/tester" } });
    assert.deepEqual(sync.schedule(config), { cron: "15 */2 * * *" });
    assert.equal(sync.changesNodes, true);
    assert.equal(sync.name, "sync");
  });

  it("reports itself not configured, not failed, when dispatch.dir does not exist", async () => {
    const data = tmpDir();
    const { config } = loadConfig({ dir: configDir({ "oyster.json": { dispatch: { dir: join(data, "nope") } } }), env: { HOME: data } });
    const { log } = memoryLogger("silent");
    const ssh = createSshPool(config, log, { HOME: data });
    const store = openStore(data);
    try {
      const result = await sync.run({
        config, ssh, store, log, now: () => new Date(), signal: new AbortController().signal, trigger: "schedule", dataDir: data, notifier: new LogNotifier(log),
      });
      assert.deepEqual(result, { ok: true, summary: `skipped: not configured: dispatch.dir ${join(data, "nope")} does not exist` });
    } finally {
      await ssh.close();
      store.close();
    }
  });
});
