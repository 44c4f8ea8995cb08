import assert from "node:assert/strict";
import { describe, it, mock } from "node:test";
import { loadConfig } from "../../../src/config/index.ts";
import { Scheduler, type Job } from "../../../src/scheduler.ts";
import { isMissed } from "../../../src/scheduler/catch-up.ts";
import { nextSlot, previousSlot } from "../../../src/scheduler/cron-slots.ts";
import { WakeDetector } from "../../../src/scheduler/wake-detector.ts";
import { createSshPool } from "../../../src/ssh/index.ts";
import { openStore } from "../../../src/store/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

const at = (iso: string) => new Date(iso);

describe("cron slots", () => {
  it("finds the previous and next slot in the configured timezone", () => {
    assert.deepEqual(previousSlot("0 3 * * *", "UTC", at("2026-11-27T09:00:00Z")), at("2026-11-27T03:00:00Z"));
    assert.deepEqual(previousSlot("0 3 * * *", "UTC", at("2026-11-27T03:00:00Z")), at("2026-11-26T03:00:00Z"));
    assert.deepEqual(nextSlot("0 9 * * *", "UTC", at("2026-11-27T09:00:00Z")), at("2026-11-28T09:00:00Z"));
    // 09:00 in Berlin is 08:00 UTC in November.
    assert.deepEqual(nextSlot("0 9 * * *", "Europe/Berlin", at("2026-11-27T00:00:00Z")), at("2026-11-27T08:00:00Z"));
  });
});

describe("missed runs", () => {
  const backup = { cron: "0 3 * * *" };
  it("a job that has never run is not missed (a fresh install takes no backup at start)", () => {
    assert.equal(isMissed(backup, {}, at("2026-11-27T09:00:00Z"), "UTC"), false);
  });

  it("a job whose last success is older than the latest slot is missed, once however many slots passed", () => {
    const history = { lastRunAt: at("2026-11-24T03:00:00Z"), lastSuccessAt: at("2026-11-24T03:00:00Z") };
    assert.equal(isMissed(backup, history, at("2026-11-27T08:00:00Z"), "UTC"), true);
    assert.equal(isMissed(backup, { lastRunAt: at("2026-11-27T03:00:05Z"), lastSuccessAt: at("2026-11-27T03:00:05Z") }, at("2026-11-27T08:00:00Z"), "UTC"), false);
  });

  it("leaves a slot in the current minute to the scheduler", () => {
    const history = { lastRunAt: at("2026-11-26T03:00:00Z"), lastSuccessAt: at("2026-11-26T03:00:00Z") };
    assert.equal(isMissed(backup, history, at("2026-11-27T03:00:20Z"), "UTC"), false);
  });

  it("a periodic job is missed when its last success is older than its period", () => {
    const g = { everySeconds: 300 };
    assert.equal(isMissed(g, { lastRunAt: at("2026-11-27T08:00:00Z"), lastSuccessAt: at("2026-11-27T08:00:00Z") }, at("2026-11-27T08:04:00Z"), "UTC"), false);
    assert.equal(isMissed(g, { lastRunAt: at("2026-11-27T08:00:00Z"), lastSuccessAt: at("2026-11-27T08:00:00Z") }, at("2026-11-27T09:00:00Z"), "UTC"), true);
  });
});

describe("catch-up in the scheduler", () => {
  function setup(nowIso: string) {
    const dir = tmpDir();
    let now = at(nowIso);
    const clock = () => now;
    const store = openStore(dir, clock);
    const config = loadConfig({ dir: `${dir}/config` }).config;
    config.oyster.timezone = "UTC";
    const { log } = memoryLogger("silent");
    const deps = { config, store, log, ssh: createSshPool(config, log), owner: "bot", dataDir: dir, notifier: { notify: async () => {} }, now: clock };
    return { store, deps, setNow: (iso: string) => (now = at(iso)) };
  }

  it("a missed 03:00 backup runs once on wake, marked caught up; no overlapping runs", async () => {
    const { store, deps, setNow } = setup("2026-11-25T03:00:00Z");
    const id = store.jobRuns.start("backup", "schedule", "bot");
    store.jobRuns.finish(id, "ok", "dispatch-20261125-030000.db");
    setNow("2026-11-27T08:30:00Z");
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const job: Job = { name: "backup", description: "", changesNodes: false, schedule: () => ({ cron: "0 3 * * *" }), run: async () => { runs++; await gate; return { ok: true, summary: "caught" }; } };
    const s = new Scheduler([job], deps);
    const first = s.catchUp("wake");
    const second = s.catchUp("wake");
    await waitUntil(() => runs === 1, "the caught-up backup to start");
    release();
    assert.deepEqual([await first, await second], [["backup"], []]);
    assert.equal(runs, 1);
    const last = store.jobRuns.lastSuccess("backup")!;
    assert.deepEqual([last.trigger, last.caughtUp, last.summary], ["catch-up", true, "caught"]);
    assert.deepEqual(await s.catchUp("wake"), [], "nothing more to catch up");
    await s.stop();
    store.close();
  });

  it("catches up on start, and leaves alone a job that never ran", async () => {
    const { store, deps } = setup("2026-11-27T10:00:00Z");
    const id = store.jobRuns.start("report", "schedule", "bot");
    store.jobRuns.finish(id, "ok", "sent");
    (deps as { now: () => Date }).now = () => at("2026-11-28T10:00:00Z");
    const ran: string[] = [];
    const mk = (name: string, cronExpr: string): Job => ({ name, description: "", changesNodes: false, schedule: () => ({ cron: cronExpr }), run: async () => { ran.push(name); return { ok: true, summary: "" }; } });
    const s = new Scheduler([mk("report", "0 9 * * *"), mk("backup", "0 3 * * *")], deps);
    s.start();
    assert.deepEqual(await s.catchingUp, ["report"]);
    assert.deepEqual(ran, ["report"]);
    await s.stop();
    store.close();
  });

  it("catches up a monthly job whose 1st-of-the-month run was missed, weeks later", async () => {
    const { store, deps, setNow } = setup("2026-10-01T03:00:00Z");
    const id = store.jobRuns.start("archive", "schedule", "bot");
    store.jobRuns.finish(id, "ok", "done");
    setNow("2026-11-20T12:00:00Z");
    const ran: string[] = [];
    const job: Job = { name: "archive", description: "", changesNodes: false, schedule: () => ({ cron: "0 3 1 * *" }), run: async () => { ran.push("archive"); return { ok: true, summary: "" }; } };
    const s = new Scheduler([job], deps);
    assert.deepEqual(await s.catchUp("start"), ["archive"]);
    assert.equal(store.jobRuns.lastSuccess("archive")?.trigger, "catch-up");
    assert.deepEqual(await s.catchUp("wake"), [], "caught up once, not once per missed month");
    await s.stop();
    store.close();
  });
});

describe("wake detection", () => {
  it("reports a wake when its timer fires far later than it should", () => {
    mock.timers.enable({ apis: ["setInterval", "Date"], now: 0 });
    try {
      const wakes: number[] = [];
      const d = new WakeDetector((slept) => wakes.push(slept), 15_000, 60_000);
      d.start();
      mock.timers.tick(15_000);
      mock.timers.tick(15_000);
      assert.deepEqual(wakes, []);
      mock.timers.setTime(Date.now() + 2 * 3600_000); // the laptop slept two hours
      mock.timers.tick(15_000);
      assert.equal(wakes.length, 1);
      assert.ok(wakes[0]! >= 2 * 3600_000 - 1, `slept ${wakes[0]}`);
      d.stop();
    } finally {
      mock.timers.reset();
    }
  });
});
