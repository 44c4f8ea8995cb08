import { toOysterError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { JobResult, RunOutcome } from "../scheduler.ts";
import type { JobTrigger, Store } from "../store/index.ts";

/**
 * One run of a job, from the schedule or by hand: under the `job:<name>` lock that every Oyster
 * process shares, recorded in job_runs (a run that could not start is recorded as skipped).
 * Never throws: a failure is the run's outcome.
 */
export async function runRecorded(
  store: Store,
  log: Logger,
  run: { job: string; trigger: JobTrigger; owner: string; waitMs?: number },
  fn: () => Promise<JobResult>,
): Promise<RunOutcome> {
  let lock;
  try {
    lock = await store.lock(`job:${run.job}`, { label: run.owner, waitMs: run.waitMs ?? 0 });
  } catch (err) {
    const reason = toOysterError(err).message;
    store.jobRuns.skipped(run.job, run.trigger, run.owner, reason);
    log.warn({ reason }, "job skipped");
    return { ran: false, reason };
  }
  const runId = store.jobRuns.start(run.job, run.trigger, run.owner);
  log.info({ runId, trigger: run.trigger }, "job started");
  try {
    const result = await fn();
    store.jobRuns.finish(runId, result.ok ? "ok" : "failed", result.summary);
    log.info({ runId, ok: result.ok, summary: result.summary }, "job finished");
    return { ran: true, runId, result };
  } catch (err) {
    const e = toOysterError(err);
    const result = { ok: false, summary: `${e.code}: ${e.message}` };
    store.jobRuns.finish(runId, "failed", result.summary);
    log.error({ runId, err: e }, "job failed");
    return { ran: true, runId, result };
  } finally {
    lock.release();
  }
}
