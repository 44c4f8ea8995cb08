// The compiled bot (`node dist/main.js`, as `npm start` runs it) and its signals, while a job is
// really running: a guardian run against a hung node lasts the SSH connect timeout (4 s here) and
// does not stop early on shutdown, so both signals land while it runs. Needs a build first
// (`node scripts/build.mjs --no-check`; `npm test` builds).
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { after, before, describe, it } from "node:test";
import { compiledEntryPath } from "../../src/startup/compiled-entry.ts";
import { openStore } from "../../src/store/index.ts";
import { makeFleet, type Fleet } from "../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../helpers/rig/index.ts";
import { waitUntil } from "../helpers/wait-until.ts";

const NEVER = "0 0 1 1 *";

function startBot(fleet: Fleet) {
  const child = spawn(process.execPath, [compiledEntryPath("main")], { cwd: fleet.dataDir.replace(/data$/, ""), env: fleet.env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, stderr: () => stderr };
}

function waitForLog(bot: { stderr: () => string }, text: string, timeoutMs = 20_000): Promise<true> {
  return waitUntil(() => bot.stderr().includes(text), `"${text}" in the bot's log; it said:\n${bot.stderr()}`, timeoutMs);
}

function lastGuardianRun(fleet: Fleet) {
  const store = openStore(fleet.dataDir);
  try {
    return store.jobRuns.last("guardian");
  } finally {
    store.close();
  }
}

describe("the compiled bot and its signals", () => {
  let rig: Rig;
  let bots: ChildProcess[] = [];
  before(async () => {
    rig = await startRig(2);
    await rig.node("node-2").hang();
  });
  after(async () => {
    for (const b of bots) if (b.exitCode === null && b.signalCode === null) b.kill("SIGKILL");
    await rig?.node("node-2").resume();
    await rig?.close();
  });

  function fleetWithSlowGuardian(): Fleet {
    // Only the guardian fires (every 5 s); the other jobs' slots never come during the test.
    return makeFleet(rig, {
      ssh: { connectTimeoutMs: 4000 },
      guardian: { interval_seconds: 5 },
      oyster: { schedules: { monitor: NEVER, backup: NEVER, sync: NEVER, report: NEVER } },
    });
  }

  it("SIGTERM twice during a running job: the job finishes, the bot exits 0", async () => {
    const fleet = fleetWithSlowGuardian();
    const bot = startBot(fleet);
    bots.push(bot.child);
    await waitForLog(bot, "job started job=guardian");
    bot.child.kill("SIGTERM");
    await waitForLog(bot, "stopping: letting running jobs finish");
    bot.child.kill("SIGTERM");
    await waitForLog(bot, "already stopping: SIGTERM does not cut the drain short");
    const [code, signal] = await bot.exited;
    const log = bot.stderr();
    assert.deepEqual([code, signal], [0, null], log);
    assert.ok(log.indexOf("already stopping") < log.indexOf("job finished"), `the second SIGTERM came while the job ran:\n${log}`);
    assert.ok(log.indexOf("job finished") < log.indexOf("INFO stopped"), log);
    const run = lastGuardianRun(fleet);
    assert.notEqual(run?.outcome, "running");
    assert.ok(run?.finishedAt, "the run is recorded as finished");
    assert.match(run?.summary ?? "", /1 failed/, "the run got as far as the hung node");
  });

  it("SIGINT twice exits at once (130), naming the abandoned job, whose run stays marked running", async () => {
    const fleet = fleetWithSlowGuardian();
    const bot = startBot(fleet);
    bots.push(bot.child);
    await waitForLog(bot, "job started job=guardian");
    bot.child.kill("SIGINT");
    await waitForLog(bot, "stopping: letting running jobs finish");
    bot.child.kill("SIGINT");
    const [code, signal] = await bot.exited;
    const log = bot.stderr();
    assert.deepEqual([code, signal], [130, null], log);
    assert.match(log, /WARN SIGINT again while stopping: exiting at once; the abandoned jobs' runs stay marked running .*abandoned=\["guardian"\]/);
    assert.doesNotMatch(log, /job finished|INFO stopped/, "it did not wait for the job or the drain");
    const run = lastGuardianRun(fleet);
    assert.deepEqual([run?.outcome, run?.finishedAt], ["running", null]);
  });
});
