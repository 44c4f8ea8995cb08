import type { Db } from "../store/index.ts";

export interface HealthInput {
  db: Db;
  /** The jobs the bot schedules, for their last runs. */
  jobs: readonly string[];
  guardianPeriodSeconds: number;
  /** When this bot started: a fresh bot has three periods before a missing run counts. */
  startedAt: Date;
  now: Date;
  /**
   * A real write to state.db (the presence heartbeat): throws when the database cannot be written.
   * The bot passes it through cachedWriteProbe (write-probe.ts): one write per 10 s at most.
   */
  probeWrite(): void;
  /** Problems the bot's own watches know of (the data dir being full), in words. */
  otherProblems?(): Array<string | undefined>;
}

export interface Health {
  healthy: boolean;
  /** Every reason it is not, in words. */
  problems: string[];
  /** Per job: the last run's start, end and outcome (null: never ran). */
  jobs: Record<string, { startedAt: string; finishedAt: string | null; outcome: string } | null>;
}

const PERIODS = 3;

/**
 * `/healthz`: unhealthy when the guardian has not completed a run within three periods, when it
 * has not even started one in that time (the scheduler is stuck), or when state.db cannot be
 * written. Reads only state.db, which the CLI's runs share: a guardian run from `oyster check`
 * counts as one, as it does everywhere else.
 */
export function checkHealth(h: HealthInput): Health {
  const problems: string[] = [];
  const jobs: Health["jobs"] = {};
  for (const job of h.jobs) {
    const row = h.db.prepare("SELECT started_at, finished_at, outcome FROM job_runs WHERE job = ? AND outcome != 'skipped' ORDER BY id DESC LIMIT 1").get(job) as
      | { started_at: string; finished_at: string | null; outcome: string }
      | undefined;
    jobs[job] = row ? { startedAt: row.started_at, finishedAt: row.finished_at, outcome: row.outcome } : null;
  }

  const windowMs = PERIODS * h.guardianPeriodSeconds * 1000;
  const since = (iso: string | undefined) => Math.max(h.startedAt.getTime(), iso ? Date.parse(iso) : 0);
  const completed = h.db.prepare("SELECT MAX(finished_at) AS at FROM job_runs WHERE job = 'guardian' AND outcome IN ('ok', 'failed')").get() as { at: string | null };
  const started = h.db.prepare("SELECT MAX(started_at) AS at FROM job_runs WHERE job = 'guardian' AND outcome != 'skipped'").get() as { at: string | null };
  const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;
  if (h.now.getTime() - since(started.at ?? undefined) > windowMs) {
    problems.push(`scheduler stuck: no guardian run has started in ${minutes(h.now.getTime() - since(started.at ?? undefined))} (${PERIODS} periods are ${minutes(windowMs)})`);
  } else if (h.now.getTime() - since(completed.at ?? undefined) > windowMs) {
    problems.push(`the guardian has not completed a run in ${minutes(h.now.getTime() - since(completed.at ?? undefined))} (${PERIODS} periods are ${minutes(windowMs)})`);
  }
  try {
    h.probeWrite();
  } catch (err) {
    problems.push(`state.db cannot be written: ${(err as Error).message}`);
  }
  for (const p of h.otherProblems?.() ?? []) if (p) problems.push(p);
  return { healthy: problems.length === 0, problems, jobs };
}
