// Fault class "clock": the controller's wall clock jumps while Oyster runs. A laptop sleeps 8
// hours (the wall clock jumps forward, timers stand still: Linux's and macOS's monotonic clocks do
// not count a suspend), or the clock is set back an hour (an NTP correction), around the slot of
// every scheduled job in the registry, and the days DST starts and ends pass in a zone that has it.
//
// The real Scheduler (croner firing, the wake detector, catch-up, the state.db lock and job_runs)
// runs the registry's jobs by their real schedules; only each job's body is a recorder (the
// guardian's raises a real alert through the real AlertBook each run, so reminders are real).
// Timers are node:test's mock timers; the wall clock is a Date of our own over them, so it can
// jump without the timers seeing it, as on a real machine.
//
// What must hold: no slot of a job is ever run twice; a job that missed slots while asleep runs
// once at wake (not once per missed slot) and then on its schedule; each daily job (backup,
// report) runs exactly once per day; the guardian runs once at wake and then every period, never
// two runs closer than a period; alert reminders never come closer than reminderMinutes apart.
import assert from "node:assert/strict";
import { after, before, describe, mock } from "node:test";
import { jobs as registry } from "../../jobs/index.ts";
import { AlertBook } from "../../src/alerts/alert-book.ts";
import type { AlertEventKind } from "../../src/alerts/types.ts";
import { loadConfig, type Config } from "../../src/config/index.ts";
import { Scheduler, type Job, type JobSchedule } from "../../src/scheduler.ts";
import { nextSlot, previousSlot } from "../../src/scheduler/cron-slots.ts";
import { createSshPool } from "../../src/ssh/index.ts";
import { openStore } from "../../src/store/index.ts";
import { memoryLogger } from "../helpers/quiet-log.ts";
import { tmpDir } from "../helpers/tmp-dir.ts";
import { fault, FULL_SUITE } from "./fault-case.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// --- a wall clock that can jump while the timers do not ----------------------------------------

const RealDate = Date;

/**
 * Time as the process sees it: `mono` moves only as the (mocked) timers are ticked; the wall
 * clock is `base + mono + offset`, and `jump` moves the wall clock alone, as a suspend or a clock
 * set does. Installed as the global Date for the test, so croner, the scheduler, state.db and the
 * alert book all read this wall clock.
 */
class FakeClock {
  /** Time the timers saw. */
  mono = 0;
  /** Time that really passed: the timers' plus every sleep. What a period or a reminder is judged by. */
  real = 0;
  private offset = 0;
  constructor(private readonly base: number) {}

  wall(): number {
    return this.base + this.mono + this.offset;
  }

  install(): void {
    const clock = this;
    class ClockDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(clock.wall());
        else super(...(args as [number]));
      }
      static override now(): number {
        return clock.wall();
      }
      // A Date made before (or by RealDate) is still a Date: croner checks `instanceof Date`.
      static [Symbol.hasInstance](x: unknown): boolean {
        return x instanceof RealDate;
      }
    }
    globalThis.Date = ClockDate as DateConstructor;
    // setTimeout and setInterval only: the Date above is ours.
    mock.timers.enable({ apis: ["setTimeout", "setInterval"] });
  }

  uninstall(): void {
    mock.timers.reset();
    globalThis.Date = RealDate;
  }

  /** A suspend: the wall clock and real time move on, the timers stand still. */
  sleep(ms: number): void {
    this.offset += ms;
    this.real += ms;
  }

  /** The clock set (NTP, a person): the wall clock alone moves, by `ms` (negative: back). */
  set(ms: number): void {
    this.offset += ms;
  }

  /** Lets `ms` pass on both clocks, in steps, letting each job the timers start finish. */
  async advance(ms: number, settle: () => Promise<void>, step = 5_000): Promise<void> {
    for (let left = ms; left > 0; left -= step) {
      const d = Math.min(step, left);
      this.mono += d;
      this.real += d;
      mock.timers.tick(d);
      await settle();
    }
  }
}

// --- the registry's jobs, with recording bodies --------------------------------------------------

interface RunRecord {
  job: string;
  trigger: string;
  wall: number;
  real: number;
}

interface Rig {
  clock: FakeClock;
  scheduler: Scheduler;
  runs: RunRecord[];
  alerts: Array<{ kind: AlertEventKind; wall: number; real: number }>;
  config: Config;
  schedules: Map<string, JobSchedule>;
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** The latest slot at or before `wall` of a cron schedule. */
const slotOf = (cron: string, tz: string, wall: number) => previousSlot(cron, tz, new RealDate(wall + 1))?.getTime() ?? null;

/**
 * The scheduler over the registry at `start` (wall clock), each job's history as if it had run at
 * its latest slot before then (so start-up catches nothing up), with `schedules` overriding the
 * config's cron lines.
 */
async function rig(startIso: string, timezone: string, schedules: Record<string, string> = {}): Promise<Rig> {
  const dir = tmpDir("oyster-clock-");
  const config = loadConfig({ dir: `${dir}/config`, env: { HOME: dir } }).config;
  config.oyster.timezone = timezone;
  Object.assign(config.oyster.schedules, schedules);
  const clock = new FakeClock(RealDate.parse(startIso));
  clock.install();
  try {
    return await rigOn(dir, config, clock, timezone);
  } catch (err) {
    clock.uninstall();
    throw err;
  }
}

async function rigOn(dir: string, config: Config, clock: FakeClock, timezone: string): Promise<Rig> {
  const now = () => new Date();
  const store = openStore(dir, now);
  const { log } = memoryLogger("silent");
  const runs: RunRecord[] = [];
  const alerts: Rig["alerts"] = [];
  const notifier = { notify: async (e: { kind: AlertEventKind }) => void alerts.push({ kind: e.kind, wall: clock.wall(), real: clock.real }) };
  const book = new AlertBook(store, { dataDir: dir, notifier, now, reminderMinutes: config.oyster.guardian.reminderMinutes, retentionDays: 7, log });
  const stub = (job: Job): Job => ({
    ...job,
    run: async (ctx) => {
      runs.push({ job: job.name, trigger: ctx.trigger, wall: clock.wall(), real: clock.real });
      // The guardian finds a node down every run: its alert reminds while it stays open.
      if (job.name === "guardian") await book.raise({ source: "guardian", check: "node_availability", node: "node-1", severity: "critical", message: "node-1 unreachable", attempts: 0 });
      return { ok: true, summary: "recorded" };
    },
  });
  const jobs = registry.map(stub);
  const scheduleOf = new Map(jobs.map((j) => [j.name, j.schedule(config)]));
  // History: each job last ran (and succeeded) at its latest slot before the start.
  for (const job of jobs) {
    const s = scheduleOf.get(job.name)!;
    const at = "cron" in s ? slotOf(s.cron, timezone, clock.wall() - 1) : clock.wall() - 60_000;
    if (at === null) continue;
    const seeded = openStore(dir, () => new RealDate(at));
    seeded.jobRuns.finish(seeded.jobRuns.start(job.name, "schedule", "bot"), "ok", "before the test");
    seeded.close();
  }
  const ssh = createSshPool(config, log);
  const scheduler = new Scheduler(jobs, { config, ssh, store, log, now, owner: "bot", dataDir: dir, notifier });
  const settle = async () => {
    // Real immediates (not mocked): the runs the timers started, and any catch-up, finish.
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    await scheduler.catchingUp;
    while (scheduler.runningJobs.length > 0) await new Promise((r) => setImmediate(r));
  };
  scheduler.start();
  await settle();
  return {
    clock, scheduler, runs, alerts, config, schedules: scheduleOf, settle,
    async stop() {
      await scheduler.stop(1000);
      clock.uninstall();
      await ssh.close();
      store.close();
    },
  };
}

// --- what must hold ----------------------------------------------------------------------------

/** Every broken rule over the runs and alerts of a scenario. */
function violations(r: Rig, opts: { wakeAt?: number; reminderMinutes: number }): string[] {
  const out: string[] = [];
  const tz = r.config.oyster.timezone;
  const iso = (ms: number) => new RealDate(ms).toISOString();
  for (const [name, s] of r.schedules) {
    const mine = r.runs.filter((x) => x.job === name);
    if ("cron" in s) {
      // No slot served twice (a clock set back must not repeat one; a wake must not add one).
      const bySlot = new Map<number, RunRecord[]>();
      for (const run of mine) {
        const slot = slotOf(s.cron, tz, run.wall)!;
        bySlot.set(slot, [...(bySlot.get(slot) ?? []), run]);
      }
      for (const [slot, served] of bySlot) if (served.length > 1) out.push(`${name}: slot ${iso(slot)} ran ${served.length} times (${served.map((x) => `${x.trigger}@${iso(x.wall)}`).join(", ")})`);
    } else {
      // A period, kept: never two runs closer than the period (a catch-up restarts it).
      const period = s.everySeconds * 1000;
      for (let i = 1; i < mine.length; i++) {
        const gap = mine[i]!.real - mine[i - 1]!.real;
        if (gap < period - 1000) out.push(`${name}: runs ${Math.round(gap / 1000)} s apart (period ${s.everySeconds} s) at ${iso(mine[i]!.wall)}`);
      }
    }
    if (opts.wakeAt !== undefined) {
      // At wake, at most one run of each job (its catch-up), not one per missed slot.
      const atWake = mine.filter((x) => x.real >= opts.wakeAt! && x.real < opts.wakeAt! + 2 * MINUTE);
      if (atWake.length > 1 && !("cron" in s && /^\*\/|^\* /.test(s.cron))) out.push(`${name}: ${atWake.length} runs in the 2 minutes after wake`);
    }
  }
  // Reminders: never closer than reminderMinutes, by the time that really passed.
  const reminders = r.alerts.filter((a) => a.kind === "reminder");
  for (let i = 1; i < reminders.length; i++) {
    const gap = reminders[i]!.real - reminders[i - 1]!.real;
    if (gap < opts.reminderMinutes * MINUTE - 1000) out.push(`reminders ${Math.round(gap / MINUTE)} min apart (reminderMinutes ${opts.reminderMinutes})`);
  }
  return out;
}

const cronJobs = registry.filter((j) => "cron" in j.schedule(loadConfig({ dir: "/nonexistent-oyster-config" }).config));
const DAILY = new Set(["backup", "report"]);

describe("clock faults", () => {
  let saved: typeof Date;
  before(() => (saved = Date));
  after(() => {
    globalThis.Date = saved;
  });

  fault(
    "clock",
    { broken: "registry: every job's schedule, as the scheduler reads it", holds: "every job has a schedule the fault cases below can place a jump around (a new job is covered too)", quick: true },
    () => {
      const config = loadConfig({ dir: "/nonexistent-oyster-config" }).config;
      for (const job of registry) {
        const s = job.schedule(config);
        if ("cron" in s) assert.ok(nextSlot(s.cron, "UTC", new RealDate("2026-11-26T00:00:00Z")), `${job.name}: ${s.cron} never fires`);
        else assert.ok(s.everySeconds >= 5, `${job.name}: period ${s.everySeconds}`);
      }
      assert.ok(cronJobs.length >= 4 && registry.length > cronJobs.length);
    },
  );

  // A sleep of 8 hours starting 10 minutes before each cron job's next slot, and one for the
  // guardian's period alone; then 90 minutes awake.
  for (const job of [...cronJobs, registry.find((j) => !cronJobs.includes(j))!]) {
    fault(
      "clock",
      {
        broken: `${job.name}: controller asleep 8 h from 10 min before its slot (wall clock +8 h, timers stopped)`,
        holds: "each job runs once at wake (not once per missed slot), then on schedule; no slot twice; daily jobs once; the guardian keeps its period; reminders not closer than reminderMinutes",
        quick: job.name === "backup" || FULL_SUITE,
        timeoutMs: 120_000,
      },
      async () => {
        const config = loadConfig({ dir: "/nonexistent-oyster-config" }).config;
        const s = job.schedule(config);
        const from = RealDate.parse("2026-11-26T00:00:00Z");
        const slot = "cron" in s ? nextSlot(s.cron, "UTC", new RealDate(from + 30 * MINUTE))!.getTime() : from + 3 * HOUR;
        const r = await rig(new RealDate(slot - 40 * MINUTE).toISOString(), "UTC");
        try {
          await r.clock.advance(30 * MINUTE, r.settle);
          const asleepAt = r.clock.wall();
          r.clock.sleep(8 * HOUR);
          const wakeAt = r.clock.real;
          await r.clock.advance(90 * MINUTE, r.settle);
          const end = r.clock.wall();
          const v = violations(r, { wakeAt, reminderMinutes: r.config.oyster.guardian.reminderMinutes });
          // Every job whose slot passed while asleep ran once at wake, marked as a catch-up or fired late.
          for (const [name, sched] of r.schedules) {
            if (!("cron" in sched)) continue;
            const missed = nextSlot(sched.cron, "UTC", new RealDate(asleepAt));
            if (missed && missed.getTime() <= asleepAt + 8 * HOUR) {
              const woke = r.runs.filter((x) => x.job === name && x.real >= wakeAt && x.real < wakeAt + 2 * MINUTE);
              if (woke.length !== 1) v.push(`${name}: missed slot ${missed.toISOString()} ran ${woke.length} times at wake`);
            }
          }
          // Daily jobs: exactly one run per slot that fell between start and end.
          for (const name of DAILY) {
            const sched = r.schedules.get(name) as { cron: string };
            const slots: number[] = [];
            for (let t = nextSlot(sched.cron, "UTC", new RealDate(slot - 40 * MINUTE)); t && t.getTime() <= end; t = nextSlot(sched.cron, "UTC", t)) slots.push(t.getTime());
            const ran = r.runs.filter((x) => x.job === name).length;
            if (ran !== slots.length) v.push(`${name}: ${ran} runs for ${slots.length} daily slot(s) in the scenario`);
          }
          // The guardian: one run at wake, then one per period.
          const g = r.runs.filter((x) => x.job === "guardian" && x.real >= wakeAt);
          if (g.length === 0 || g[0]!.real - wakeAt > MINUTE) v.push(`guardian: first run after wake ${g.length ? Math.round((g[0]!.real - wakeAt) / 1000) : "never"} s after it`);
          if (g.length < 17 || g.length > 20) v.push(`guardian: ${g.length} runs in the 90 minutes after wake (period 300 s)`);
          const reminders = r.alerts.filter((a) => a.kind === "reminder" && a.real >= wakeAt);
          if (reminders.length < 1 || reminders.length > 2) v.push(`${reminders.length} reminders in the 90 minutes after wake`);
          assert.deepEqual(v, []);
        } finally {
          await r.stop();
        }
      },
    );
  }

  // The clock set back an hour 20 minutes after each cron job's slot ran; then 2 hours on.
  for (const job of cronJobs) {
    fault(
      "clock",
      {
        broken: `${job.name}: wall clock set back 1 h, 20 min after its slot ran`,
        holds: "that slot (and every other) runs once, not again when the clock passes it a second time; the guardian keeps its period; reminders not closer than reminderMinutes",
        quick: job.name === "backup" || FULL_SUITE,
        timeoutMs: 120_000,
      },
      async () => {
        const config = loadConfig({ dir: "/nonexistent-oyster-config" }).config;
        const s = job.schedule(config) as { cron: string };
        const slot = nextSlot(s.cron, "UTC", new RealDate("2026-11-26T00:30:00Z"))!.getTime();
        const r = await rig(new RealDate(slot - 20 * MINUTE).toISOString(), "UTC");
        try {
          await r.clock.advance(40 * MINUTE, r.settle);
          assert.equal(r.runs.filter((x) => x.job === job.name && slotOf(s.cron, "UTC", x.wall) === slot).length, 1, `${job.name} ran at its slot`);
          r.clock.set(-HOUR);
          await r.clock.advance(2 * HOUR, r.settle);
          const v = violations(r, { reminderMinutes: r.config.oyster.guardian.reminderMinutes });
          const g = r.runs.filter((x) => x.job === "guardian");
          if (g.length < 30) v.push(`guardian: ${g.length} runs in 2 h 40 min (period 300 s)`);
          assert.deepEqual(v, []);
        } finally {
          await r.stop();
        }
      },
    );
  }

  // DST, in a zone that has it: the days it ends and starts, with the daily jobs also put inside
  // the hour that repeats (02:30) and the hour that does not exist.
  for (const day of [
    { what: "ends (02:00-03:00 happens twice)", start: "2026-10-24T20:00:00Z" },
    { what: "starts (02:00-03:00 never happens)", start: "2026-03-28T20:00:00Z" },
  ]) {
    const placements: Array<{ label: string; schedules: Record<string, string> }> = [{ label: "at their configured times", schedules: {} }, { label: "at 02:30", schedules: { backup: "30 2 * * *", report: "30 2 * * *" } }];
    for (const where of placements) {
      fault(
        "clock",
        {
          broken: `DST ${day.what}, daily jobs ${where.label} (Europe/Berlin)`,
          holds: "each daily job runs exactly once that day; no slot of any job runs twice; the guardian keeps its period",
          quick: FULL_SUITE || where.label === "at 02:30",
          timeoutMs: 180_000,
        },
        async () => {
          const r = await rig(day.start, "Europe/Berlin", where.schedules);
          try {
            await r.clock.advance(24 * HOUR, r.settle, 15_000);
            const v = violations(r, { reminderMinutes: r.config.oyster.guardian.reminderMinutes });
            for (const name of DAILY) {
              const n = r.runs.filter((x) => x.job === name).length;
              if (n !== 1) v.push(`${name}: ${n} runs in the 24 hours`);
            }
            assert.deepEqual(v, []);
          } finally {
            await r.stop();
          }
        },
      );
    }
  }
});
