import assert from "node:assert/strict";
import { describe, it, mock } from "node:test";
import type { Config } from "../../../src/config/index.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { Scheduler, isValidCron, type Job } from "../../../src/scheduler.ts";
import { createSshPool } from "../../../src/ssh/index.ts";
import { openStore } from "../../../src/store/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { exitOf, spawnTsx, waitForOutput } from "../../helpers/spawn-tsx.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

function setup() {
  const dir = tmpDir();
  const config: Config = loadConfig({ dir: `${dir}/config` }).config;
  const store = openStore(dir);
  const { log } = memoryLogger("silent");
  const ssh = createSshPool(config, log);
  const notifier = { notify: async () => {} };
  return { dir, config, store, log, ssh, dataDir: dir, notifier };
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe("scheduler", () => {
  it("validates cron expressions as node-cron reads them", () => {
    assert.ok(isValidCron("*/5 * * * *"));
    assert.ok(!isValidCron("every five minutes"));
  });

  it("records each run with its outcome and summary", async () => {
    const { store, ...deps } = setup();
    const jobs: Job[] = [
      { name: "good", description: "", changesNodes: false, schedule: () => ({ everySeconds: 60 }), run: async () => ({ ok: true, summary: "all fine" }) },
      { name: "bad", description: "", changesNodes: false, schedule: () => ({ everySeconds: 60 }), run: async () => { throw new Error("boom"); } },
    ];
    const s = new Scheduler(jobs, { ...deps, store, owner: "test" });
    await s.runJob("good", "manual");
    await s.runJob("bad", "schedule");
    assert.deepEqual([store.jobRuns.last("good")?.outcome, store.jobRuns.last("good")?.summary], ["ok", "all fine"]);
    assert.deepEqual([store.jobRuns.last("bad")?.outcome, store.jobRuns.last("bad")?.summary], ["failed", "Internal: boom"]);
    await s.stop();
    await deps.ssh.close();
    store.close();
  });

  it("never overlaps a job with itself; the skipped run is recorded", async () => {
    const { store, ...deps } = setup();
    const g = gate();
    let runs = 0;
    const job: Job = { name: "slow", description: "", changesNodes: false, schedule: () => ({ everySeconds: 60 }), run: async () => { runs++; await g.opened; return { ok: true, summary: "done" }; } };
    const s = new Scheduler([job], { ...deps, store, owner: "test" });
    const first = s.runJob("slow", "schedule");
    const second = await s.runJob("slow", "schedule");
    assert.deepEqual(second, { ran: false, reason: "previous run still going" });
    g.open();
    assert.equal((await first).ran, true);
    assert.equal(runs, 1);
    assert.deepEqual(store.jobRuns.recent("slow").map((r) => r.outcome).sort(), ["ok", "skipped"]);
    await s.stop();
    store.close();
  });

  it("skips a job that another process is running (the state.db lock)", async () => {
    const { store, ...deps } = setup();
    const dir = deps.dir;
    const child = spawnTsx("test/helpers/fixtures/hold-lock.ts", [dir, "job:backup", "forever"]);
    try {
      await waitForOutput(child, "held");
      let ran = false;
      const s = new Scheduler([{ name: "backup", description: "", changesNodes: false, schedule: () => ({ everySeconds: 60 }), run: async () => { ran = true; return { ok: true, summary: "" }; } }], { ...deps, store, owner: "bot" });
      const outcome = await s.runJob("backup", "schedule");
      assert.equal(outcome.ran, false);
      assert.equal(ran, false);
      assert.match(store.jobRuns.last("backup")?.summary ?? "", /busy: job:backup is held by fixture/);
      await s.stop();
    } finally {
      child.kill("SIGKILL");
      await exitOf(child);
      store.close();
    }
  });

  it("runs a periodic job every period", async () => {
    const { store, ...deps } = setup();
    mock.timers.enable({ apis: ["setInterval"] });
    try {
      let runs = 0;
      const s = new Scheduler([{ name: "tick", description: "", changesNodes: false, schedule: () => ({ everySeconds: 300 }), run: async () => { runs++; return { ok: true, summary: "" }; } }], { ...deps, store, owner: "test" });
      s.start();
      mock.timers.tick(299_000);
      assert.equal(runs, 0);
      mock.timers.tick(1_000);
      await new Promise((r) => setImmediate(r));
      assert.equal(runs, 1);
      mock.timers.tick(600_000);
      await new Promise((r) => setImmediate(r));
      assert.ok(runs >= 2);
      await s.stop();
    } finally {
      mock.timers.reset();
      store.close();
    }
  });

  it("stops scheduling and waits for a running job up to the deadline", async () => {
    const { store, ...deps } = setup();
    const g = gate();
    let sawAbort = false;
    const s = new Scheduler([{ name: "long", description: "", changesNodes: false, schedule: () => ({ everySeconds: 60 }), run: async (ctx) => { ctx.signal.addEventListener("abort", () => (sawAbort = true)); await g.opened; return { ok: true, summary: "" }; } }], { ...deps, store, owner: "test" });
    const run = s.runJob("long", "manual");
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(await s.stop(50), { unfinished: ["long"] });
    assert.ok(sawAbort, "running jobs are told to stop");
    assert.deepEqual(await s.runJob("long", "manual"), { ran: false, reason: "shutting down" });
    g.open();
    await run;
    store.close();
  });
});

describe("scheduler with node-cron", () => {
  it("fires a cron job on its schedule (a per-second expression, for the test)", async () => {
    const { store, ...deps } = setup();
    let runs = 0;
    const s = new Scheduler([{ name: "cron", description: "", changesNodes: false, schedule: () => ({ cron: "* * * * * *" }), run: async () => { runs++; return { ok: true, summary: "" }; } }], { ...deps, store, owner: "test" });
    s.start();
    await new Promise((r) => setTimeout(r, 2300));
    await s.stop();
    const after = runs;
    assert.ok(after >= 1, `ran ${after} times`);
    assert.equal(store.jobRuns.last("cron")?.outcome, "ok");
    await new Promise((r) => setTimeout(r, 1200));
    assert.equal(runs, after, "no run after stop");
    store.close();
  });
});
