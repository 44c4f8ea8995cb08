import { JobRuns, type Db } from "../../store/index.ts";
import { oneLine } from "../../render/one-line.ts";
import type { JobLine, JobsSection } from "../types.ts";

/**
 * Job runs started in the window, per job: failures and catch-ups are what the reader wants,
 * but a guardian that fails every run is one line with a count, not 288 lines. Runs still going
 * (this report's own, for one) are left out.
 */
export function gatherJobs(db: Db, since: Date, until: Date): JobsSection {
  const rows = new JobRuns(db).startedBetween(since, until);
  const jobs = new Map<string, JobLine>();
  for (const r of rows) {
    const j = jobs.get(r.job) ?? { job: oneLine(r.job, 40), runs: 0, ok: 0, failed: 0, skipped: 0, caughtUp: 0, lastFailure: null, lastCatchUp: null };
    j.runs += 1;
    if (r.outcome === "ok") j.ok += 1;
    if (r.outcome === "skipped") j.skipped += 1;
    if (r.outcome === "failed") {
      j.failed += 1;
      j.lastFailure = { at: r.startedAt, summary: r.summary === null ? null : oneLine(r.summary) };
    }
    if (r.caughtUp) {
      j.caughtUp += 1;
      j.lastCatchUp = { at: r.startedAt, outcome: r.outcome };
    }
    jobs.set(r.job, j);
  }
  return { runs: rows.length, jobs: [...jobs.values()].sort((a, b) => a.job.localeCompare(b.job)) };
}
