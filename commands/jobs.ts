import { z } from "zod";
import { jobs as registry } from "../jobs/index.ts";
import { noPositionals } from "../src/command/arg-schemas.ts";
import { defineCommand } from "../src/command/types.ts";
import { table } from "../src/render/table.ts";
import { describeJobs, type JobInfo } from "../src/scheduler/describe-jobs.ts";
import { BotPresence, type BotInfo, type EventLoopInfo } from "../src/store/bot-presence.ts";
import { dataDirSpace, type DataDirSpace } from "../src/files/data-dir-space.ts";
import { INTERRUPTED } from "../src/store/job-runs.ts";

export interface JobsData {
  /** The running bot (null when none), with its event-loop delay as of its last heartbeat. */
  bot: BotInfo | null;
  jobs: JobInfo[];
  /** The data dir's free space: when full, no job run, alert or notification can be recorded. */
  dataDir: DataDirSpace;
}

const when = (iso: string | null | undefined) => (iso ? iso.slice(0, 16).replace("T", " ") : "-");

const loopText = (loop: EventLoopInfo | null) =>
  loop ? `\nevent loop: max delay ${loop.maxMs} ms, p99 ${loop.p99Ms} ms since ${when(loop.since)} UTC` : "";

export const jobs = defineCommand({
  name: "jobs",
  summary: "Each scheduled job: schedule, last run and outcome, next run; and whether the bot is running",
  usage: "jobs [--json]",
  schema: z.object({ _: noPositionals }),
  role: "viewer",
  changesState: false,
  async run(ctx) {
    const now = ctx.now();
    const dataDir = dataDirSpace(ctx.dataDir);
    // A run still marked running whose process died (killed mid-run) is shown as interrupted.
    const described = describeJobs(registry, ctx.config, ctx.store, now).map((j) =>
      j.lastRun && ctx.store.jobRuns.wasInterrupted({ job: j.name, outcome: j.lastRun.outcome }) ? { ...j, lastRun: { ...j.lastRun, outcome: "failed" as const, summary: INTERRUPTED } } : j,
    );
    // A full data dir is unhealthy (exit 1): every job runs on, but nothing they find is kept.
    return { ok: !dataDir.full, data: { bot: BotPresence.current(ctx.store.db, now) ?? null, jobs: described, dataDir } };
  },
  text(data: JobsData) {
    const bot = data.bot ? `bot running (pid ${data.bot.pid} on ${data.bot.host} since ${when(data.bot.startedAt)} UTC)${loopText(data.bot.eventLoop)}` : "bot not running: no job runs on schedule until `npm start`";
    const rows = data.jobs.map((j) => [
      j.name,
      j.schedule,
      j.lastRun ? `${when(j.lastRun.startedAt)} ${j.lastRun.outcome}${j.lastRun.caughtUp ? " (caught up)" : ""}` : "never",
      j.lastRun?.summary ?? "-",
      when(j.nextRun),
    ]);
    const full = data.dataDir?.full ? `\nDATA DIR FULL: ${data.dataDir.problem}` : "";
    return `${bot}${full}\n${table(["JOB", "SCHEDULE", "LAST RUN (UTC)", "SUMMARY", "NEXT RUN (UTC)"], rows)}`;
  },
});
