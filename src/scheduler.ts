import { fireOnCron } from "./scheduler/cron-driver.ts";
import type { Notifier } from "./alerts/types.ts";
import type { ReportSink } from "./notify/report-sink.ts";
import type { Config } from "./config/index.ts";
import type { Logger } from "./log.ts";
import type { SshPool } from "./ssh/index.ts";
import type { JobTrigger, Store } from "./store/index.ts";
import { isMissed } from "./scheduler/catch-up.ts";
import { runRecorded } from "./scheduler/run-recorded.ts";
import { servedSlot } from "./scheduler/slot-served.ts";
import { toOysterError } from "./errors.ts";
import { WakeDetector } from "./scheduler/wake-detector.ts";

/** A job's timing: a cron expression (in `timezone`) or a fixed period. */
export type JobSchedule = { cron: string } | { everySeconds: number };

export interface JobContext {
  config: Config;
  ssh: SshPool;
  store: Store;
  log: Logger;
  now: () => Date;
  /** Aborted at shutdown: long jobs check it between steps. */
  signal: AbortSignal;
  trigger: JobTrigger;
  dataDir: string;
  notifier: Notifier;
  /** Where the report job sends; the log when absent. */
  reportSink?: ReportSink;
  /** The process's environment as the caller read it (provider keys for the monitor); process.env when absent. */
  env?: NodeJS.ProcessEnv;
}

export interface JobResult {
  ok: boolean;
  summary: string;
}

export interface Job {
  name: string;
  description: string;
  schedule(config: Config): JobSchedule;
  /** Jobs that change nodes (sync) ask for confirmation when run by hand. */
  changesNodes: boolean;
  run(ctx: JobContext): Promise<JobResult>;
}

export interface SchedulerDeps {
  config: Config;
  ssh: SshPool;
  store: Store;
  log: Logger;
  now?: () => Date;
  /** Label for the cross-process lock: "bot" or "cli:<user>". */
  owner: string;
  dataDir: string;
  notifier: Notifier;
  /** Where the report job sends; the log when absent. */
  reportSink?: ReportSink;
  /** Told of every finished run (the heartbeat); called after the run is recorded, never awaited. */
  afterRun?(job: string, outcome: RunOutcome): void;
}

export type RunOutcome = { ran: true; runId: number; result: JobResult } | { ran: false; reason: string };

export { runRecorded } from "./scheduler/run-recorded.ts";
export { isValidCron } from "./scheduler/cron-driver.ts";

/**
 * Runs jobs on their schedules. A job never overlaps itself, in this process or another (the
 * `job:<name>` lock in state.db); every run, and every skip, is recorded in job_runs.
 */
export class Scheduler {
  private readonly tasks = new Map<string, { stop(): unknown }>();
  private readonly running = new Map<string, Promise<RunOutcome>>();
  private readonly abort = new AbortController();
  private stopping = false;
  private wake: WakeDetector | undefined;
  /** The catch-up in progress, if any (tests and shutdown wait on it). */
  catchingUp: Promise<string[]> = Promise.resolve([]);

  constructor(private readonly jobs: readonly Job[], private readonly deps: SchedulerDeps) {}

  get jobNames(): string[] {
    return this.jobs.map((j) => j.name);
  }

  /** The jobs running in this process now (for the stall log and an abandoning exit). */
  get runningJobs(): string[] {
    return [...this.running.keys()];
  }

  start(): void {
    for (const job of this.jobs) this.schedule(job);
    this.catchingUp = this.catchUp("start");
    this.wake = new WakeDetector((sleptMs) => {
      this.deps.log.info({ sleptMs }, "woke up: checking for missed runs");
      this.catchingUp = this.catchingUp.then(() => this.catchUp("wake"));
    });
    this.wake.start();
  }

  private schedule(job: Job): void {
    const schedule = job.schedule(this.deps.config);
    // runJob refuses a run while the previous one is going and records the skip, so no timer
    // needs an overlap guard of its own.
    const fire = () => void this.runJob(job.name, "schedule");
    if ("cron" in schedule) {
      const { timezone } = this.deps.config.oyster;
      const fireForSlot = () => {
        const served = servedSlot(this.deps.store, job.name, schedule.cron, timezone, this.clock());
        if (served) this.deps.log.info({ job: job.name, slot: served.toISOString() }, "slot already served (the clock moved, or a catch-up ran it): not run again");
        else fire();
      };
      this.tasks.set(job.name, fireOnCron(schedule.cron, timezone, fireForSlot));
    } else {
      const timer = setInterval(fire, schedule.everySeconds * 1000);
      this.tasks.set(job.name, { stop: () => clearInterval(timer) });
    }
    this.deps.log.info({ job: job.name, schedule }, "job scheduled");
  }

  /**
   * Schedules a job again from the config as it is now (`restart guardian` after a reload): its
   * timer is replaced; a run in progress finishes, and the next comes one new period from now.
   */
  reschedule(name: string): void {
    const job = this.jobs.find((j) => j.name === name);
    if (!job || this.stopping) return;
    this.tasks.get(name)?.stop();
    this.schedule(job);
  }

  private clock(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }

  /**
   * Runs each job that missed its schedule once (not once per missed slot), one after another,
   * marked "caught up". A periodic job's period then starts over from its caught-up run, so the
   * next comes one period later (not at the old timer's phase, seconds after). Returns the names
   * of the jobs it ran.
   */
  async catchUp(reason: "start" | "wake"): Promise<string[]> {
    const now = this.clock();
    const ran: string[] = [];
    for (const job of this.jobs) {
      if (this.stopping) break;
      const last = this.deps.store.jobRuns.last(job.name);
      const success = this.deps.store.jobRuns.lastSuccess(job.name);
      const history = {
        ...(last ? { lastRunAt: new Date(last.startedAt) } : {}),
        ...(success ? { lastSuccessAt: new Date(success.startedAt) } : {}),
      };
      if (!isMissed(job.schedule(this.deps.config), history, now, this.deps.config.oyster.timezone)) continue;
      this.deps.log.info({ job: job.name, reason, lastSuccess: success?.startedAt ?? null }, "catching up a missed run");
      const outcome = await this.runJob(job.name, "catch-up");
      if (outcome.ran) ran.push(job.name);
      if (outcome.ran && "everySeconds" in job.schedule(this.deps.config)) this.reschedule(job.name);
    }
    return ran;
  }

  /** Runs one job now (also used by `oyster run` and catch-up). Never throws. */
  runJob(name: string, trigger: JobTrigger): Promise<RunOutcome> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) return Promise.resolve({ ran: false, reason: `unknown job "${name}"` });
    if (this.stopping) return Promise.resolve({ ran: false, reason: "shutting down" });
    const inFlight = this.running.get(name);
    if (inFlight) {
      this.deps.store.jobRuns.skipped(name, trigger, this.deps.owner, "previous run still going");
      return Promise.resolve({ ran: false, reason: "previous run still going" });
    }
    const run = this.execute(job, trigger).finally(() => this.running.delete(name));
    this.running.set(name, run);
    return run;
  }

  private execute(job: Job, trigger: JobTrigger): Promise<RunOutcome> {
    const { config, ssh, store, dataDir, notifier, reportSink, owner } = this.deps;
    const log = this.deps.log.child({ job: job.name });
    const now = this.deps.now ?? (() => new Date());
    const run = runRecorded(store, log, { job: job.name, trigger, owner }, () =>
      job.run({ config, ssh, store, log, dataDir, notifier, ...(reportSink ? { reportSink } : {}), now, signal: this.abort.signal, trigger }),
    );
    const afterRun = this.deps.afterRun;
    if (afterRun) {
      void run.then((outcome) => {
        try {
          afterRun(job.name, outcome);
        } catch (err) {
          log.warn({ err: toOysterError(err) }, "after-run hook failed");
        }
      });
    }
    return run;
  }

  /** Stops scheduling, asks running jobs to stop, and waits for them up to `deadlineMs`. */
  async stop(deadlineMs = 10_000): Promise<{ unfinished: string[] }> {
    this.stopping = true;
    this.wake?.stop();
    for (const t of this.tasks.values()) t.stop();
    this.abort.abort();
    const pending = [...this.running.entries()];
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"deadline">((r) => (timer = setTimeout(() => r("deadline"), deadlineMs)));
    const settled = await Promise.race([Promise.allSettled(pending.map(([, p]) => p)).then(() => "done" as const), deadline]);
    clearTimeout(timer);
    return { unfinished: settled === "done" ? [] : pending.map(([n]) => n).filter((n) => this.running.has(n)) };
  }
}
