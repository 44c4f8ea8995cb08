import { lockHolder } from "./lock.ts";
import type { Db } from "./open-db.ts";

/** The summary of a run whose process died before it finished. */
export const INTERRUPTED = "interrupted: the process running it ended before it finished (killed, or the machine stopped); the next run starts over";

export type JobTrigger = "schedule" | "manual" | "catch-up";
export type JobOutcome = "running" | "ok" | "failed" | "skipped";

export interface JobRun {
  id: number;
  job: string;
  trigger: JobTrigger;
  startedAt: string;
  finishedAt: string | null;
  outcome: JobOutcome;
  summary: string | null;
  caughtUp: boolean;
  owner: string;
}

type Row = { id: number; job: string; trigger: JobTrigger; started_at: string; finished_at: string | null; outcome: JobOutcome; summary: string | null; caught_up: number; owner: string };

const toRun = (r: Row): JobRun => ({
  id: r.id, job: r.job, trigger: r.trigger, startedAt: r.started_at, finishedAt: r.finished_at,
  outcome: r.outcome, summary: r.summary, caughtUp: r.caught_up === 1, owner: r.owner,
});

/** Every job run, whoever started it (bot schedule, CLI), with its outcome. */
export class JobRuns {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  /**
   * A run begins. The caller holds the job's `job:<name>` lock, so any run of this job still
   * marked running belongs to a process that died mid-run (SIGKILL, a power cut): it is closed
   * here as interrupted, in the same transaction, so history never keeps a run that never ends.
   */
  start(job: string, trigger: JobTrigger, owner: string): number {
    return this.db.transaction(() => {
      const at = this.now().toISOString();
      this.db.prepare("UPDATE job_runs SET outcome = 'failed', finished_at = ?, summary = ? WHERE job = ? AND outcome = 'running'").run(at, INTERRUPTED, job);
      return this.insert(job, trigger, owner, at);
    }).immediate();
  }

  private insert(job: string, trigger: JobTrigger, owner: string, at: string): number {
    const info = this.db
      .prepare("INSERT INTO job_runs (job, trigger, started_at, outcome, caught_up, owner) VALUES (?, ?, ?, 'running', ?, ?)")
      .run(job, trigger, at, trigger === "catch-up" ? 1 : 0, owner);
    return Number(info.lastInsertRowid);
  }

  finish(id: number, outcome: Exclude<JobOutcome, "running">, summary: string): void {
    this.db.prepare("UPDATE job_runs SET finished_at = ?, outcome = ?, summary = ? WHERE id = ?").run(this.now().toISOString(), outcome, summary, id);
  }

  /** A run that was skipped before it started (busy elsewhere): recorded so it is not silent. */
  skipped(job: string, trigger: JobTrigger, owner: string, summary: string): void {
    // Not start(): the skipping process does not hold the lock; the run in progress is someone's.
    this.finish(this.insert(job, trigger, owner, this.now().toISOString()), "skipped", summary);
  }

  last(job: string): JobRun | undefined {
    const row = this.db.prepare("SELECT * FROM job_runs WHERE job = ? ORDER BY id DESC LIMIT 1").get(job) as Row | undefined;
    return row ? toRun(row) : undefined;
  }

  /**
   * Whether a run marked running was cut off: nobody holds its job's lock (a live run always
   * does), so its process died. `jobs` shows it as the failure it is; the next run closes it.
   */
  wasInterrupted(run: Pick<JobRun, "outcome"> & { job: string }): boolean {
    return run.outcome === "running" && lockHolder(this.db, `job:${run.job}`) === undefined;
  }

  lastSuccess(job: string): JobRun | undefined {
    const row = this.db.prepare("SELECT * FROM job_runs WHERE job = ? AND outcome = 'ok' ORDER BY id DESC LIMIT 1").get(job) as Row | undefined;
    return row ? toRun(row) : undefined;
  }

  /** Finished (or skipped) runs of every job started in [since, until], oldest first. */
  startedBetween(since: Date, until: Date): JobRun[] {
    const rows = this.db.prepare("SELECT * FROM job_runs WHERE started_at >= ? AND started_at <= ? AND outcome != 'running' ORDER BY id").all(since.toISOString(), until.toISOString()) as Row[];
    return rows.map(toRun);
  }

  recent(job: string, limit = 20): JobRun[] {
    return (this.db.prepare("SELECT * FROM job_runs WHERE job = ? ORDER BY id DESC LIMIT ?").all(job, limit) as Row[]).map(toRun);
  }
}
