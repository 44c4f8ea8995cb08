import type { Config } from "../config/index.ts";
import type { Job, JobSchedule } from "../scheduler.ts";
import type { JobRun, Store } from "../store/index.ts";
import { nextSlot } from "./cron-slots.ts";

export interface JobInfo {
  name: string;
  description: string;
  schedule: string;
  lastRun: Pick<JobRun, "startedAt" | "finishedAt" | "outcome" | "summary" | "trigger" | "caughtUp"> | null;
  lastSuccessAt: string | null;
  /** When it runs next if the bot is running (a cron slot, or the period after the last run). */
  nextRun: string | null;
}

function scheduleText(s: JobSchedule, timezone: string): string {
  return "cron" in s ? `${s.cron} (${timezone})` : `every ${s.everySeconds} s`;
}

/** What `oyster jobs` shows: each job's schedule, last run and outcome, next run. */
export function describeJobs(jobs: readonly Job[], config: Config, store: Store, now: Date): JobInfo[] {
  const tz = config.oyster.timezone;
  return jobs.map((job) => {
    const s = job.schedule(config);
    const last = store.jobRuns.last(job.name);
    const success = store.jobRuns.lastSuccess(job.name);
    let next: Date | null;
    if ("cron" in s) next = nextSlot(s.cron, tz, now);
    else next = new Date(Math.max(now.getTime(), (last ? Date.parse(last.startedAt) : now.getTime()) + s.everySeconds * 1000));
    return {
      name: job.name,
      description: job.description,
      schedule: scheduleText(s, tz),
      lastRun: last ? { startedAt: last.startedAt, finishedAt: last.finishedAt, outcome: last.outcome, summary: last.summary, trigger: last.trigger, caughtUp: last.caughtUp } : null,
      lastSuccessAt: success?.startedAt ?? null,
      nextRun: next ? next.toISOString() : null,
    };
  });
}
