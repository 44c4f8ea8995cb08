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
import { waitUntil } from "../../helpers/wait-until.ts";

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
  it("validates cron expressions as croner reads them: 5 or 6 fields, values in range", () => {
    assert.ok(isValidCron("*/5 * * * *"));
    assert.ok(isValidCron("*/10 * * * * *"));
    assert.ok(isValidCron("0 3 1 JAN MON"));
    assert.ok(!isValidCron("every five minutes"));
    assert.ok(!isValidCron("99 3 * * *"));
    assert.ok(!isValidCron("0 0 3 1 1 * 2027"), "no year field");
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
      mock.timers.tick(300_000);
      await settled(s);
      mock.timers.tick(300_000);
      await settled(s);
      assert.equal(runs, 3, "one run per period over 900 s");
      assert.deepEqual(store.jobRuns.recent("tick").map((r) => r.outcome), ["ok", "ok", "ok"]);
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
    let started = false;
    const s = new Scheduler([{ name: "long", description: "", changesNodes: false, schedule: () => ({ everySeconds: 60 }), run: async (ctx) => { started = true; ctx.signal.addEventListener("abort", () => (sawAbort = true)); await g.opened; return { ok: true, summary: "" }; } }], { ...deps, store, owner: "test" });
    const run = s.runJob("long", "manual");
    await waitUntil(() => started, "the job to start");
    assert.deepEqual(await s.stop(50), { unfinished: ["long"] });
    assert.ok(sawAbort, "running jobs are told to stop");
    assert.deepEqual(await s.runJob("long", "manual"), { ran: false, reason: "shutting down" });
    g.open();
    await run;
    store.close();
  });
});

describe("scheduler with croner", () => {
  it("fires a cron job on its schedule with real timers (a per-second expression, for the test)", async () => {
    const { store, ...deps } = setup();
    let runs = 0;
    const s = new Scheduler([{ name: "cron", description: "", changesNodes: false, schedule: () => ({ cron: "* * * * * *" }), run: async () => { runs++; return { ok: true, summary: "" }; } }], { ...deps, store, owner: "test" });
    s.start();
    try {
      await waitUntil(() => store.jobRuns.last("cron")?.outcome === "ok", "a recorded cron run");
      assert.ok(runs >= 1);
    } finally {
      await s.stop();
      store.close();
    }
  });

  it("runs nothing after stop", async () => {
    const { store, ...deps } = setup();
    mock.timers.enable({ apis: ["setTimeout", "setInterval", "Date"], now: Date.parse("2026-11-27T09:00:00Z") });
    try {
      let runs = 0;
      const s = new Scheduler([{ name: "cron", description: "", changesNodes: false, schedule: () => ({ cron: "* * * * *" }), run: async () => { runs++; return { ok: true, summary: "" }; } }], { ...deps, store, owner: "test" });
      s.start();
      await advance(s, 60_000);
      assert.equal(runs, 1);
      await s.stop();
      await advance(s, 10 * 60_000);
      assert.equal(runs, 1, "no run after stop");
    } finally {
      mock.timers.reset();
      store.close();
    }
  });

  for (const day of [
    { what: "spring-forward", from: "2026-03-28T22:00:00Z", at: "2026-03-29T01:00:00.000Z" },
    { what: "fall-back", from: "2026-10-24T21:00:00Z", at: "2026-10-25T00:30:00.000Z" },
  ]) {
    it(`fires a daily 02:30 Europe/Berlin job once on ${day.what} day`, async () => {
      const { store, config, ...deps } = setup();
      config.oyster.timezone = "Europe/Berlin";
      mock.timers.enable({ apis: ["setTimeout", "setInterval", "Date"], now: Date.parse(day.from) });
      try {
        const fired: string[] = [];
        const s = new Scheduler([{ name: "nightly", description: "", changesNodes: false, schedule: () => ({ cron: "30 2 * * *" }), run: async () => { fired.push(new Date().toISOString()); return { ok: true, summary: "" }; } }], { ...deps, config, store, owner: "test" });
        s.start();
        await advance(s, 6 * 3600_000);
        await s.stop();
        assert.deepEqual(fired, [day.at]);
      } finally {
        mock.timers.reset();
        store.close();
      }
    });
  }
});

/** Lets a run the timers started finish: polls (on real immediates) until no job is running. */
async function settled(s: Scheduler): Promise<void> {
  do await new Promise((r) => setImmediate(r));
  while (s.runningJobs.length > 0);
}

/** Moves mocked time forward in steps of croner's longest timer (30 s), letting each run finish. */
async function advance(s: Scheduler, ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 30_000) {
    mock.timers.tick(Math.min(30_000, left));
    await settled(s);
  }
}
