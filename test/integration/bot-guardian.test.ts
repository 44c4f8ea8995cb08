// The running bot runs the guardian on its period and fixes drift by itself.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { openStore } from "../../src/store/index.ts";
import { makeFleet, WRAPPER_V1, type Fleet } from "../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../helpers/rig/index.ts";
import { waitUntil } from "../helpers/wait-until.ts";
import { compiledEntryPath } from "../../src/startup/compiled-entry.ts";

describe("the bot's guardian", () => {
  let rig: Rig;
  let fleet: Fleet;
  before(async () => {
    rig = await startRig(2);
    fleet = makeFleet(rig);
    writeFileSync(join(fleet.configDir, "guardian_config.json"), JSON.stringify({ interval_seconds: 5 }));
  });
  after(async () => rig?.close());

  it("runs every interval_seconds, records the run, fixes drift, and stops cleanly", async () => {
    fleet.putOnNode("node-2", "task-wrapper.sh", "#!/bin/sh\n# stale\n", 0o755);
    const bot = spawn(process.execPath, [compiledEntryPath("main")], { cwd: fleet.dataDir.replace(/data$/, ""), env: fleet.env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    bot.stderr!.on("data", (d) => (stderr += d));
    try {
      const store = openStore(fleet.dataDir);
      const run = await waitUntil(() => store.jobRuns.lastSuccess("guardian"), () => `a successful guardian run; bot said:\n${stderr}`, 20_000).finally(() => store.close());
      assert.equal(run.owner, "bot");
      // db_schema creates dispatch.db and wrapper_version fixes node-2.
      assert.match(run.summary ?? "", /2 fixed, 0 failed/);
      assert.equal(readFileSync(join(rig.node("node-2").dispatchDir, "task-wrapper.sh"), "utf8"), WRAPPER_V1);
    } finally {
      bot.kill("SIGTERM");
      const [code] = await once(bot, "exit");
      assert.equal(code, 0, stderr);
    }
  });
});
