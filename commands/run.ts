import { z } from "zod";
import { jobs as registry } from "../jobs/index.ts";
import { defineCommand } from "../src/command/types.ts";
import { OysterError } from "../src/errors.ts";
import { heartbeatTargets, jobHeartbeat } from "../src/http/heartbeat.ts";
import { LogNotifier } from "../src/notify/log-notifier.ts";
import { runRecorded } from "../src/scheduler.ts";

/** How long a manual run waits for the same job running elsewhere before saying "busy". */
const WAIT_MS = 30_000;

export interface RunData {
  job: string;
  outcome: "ok" | "failed";
  summary: string;
}

const jobNamed = (name: string) => registry.find((j) => j.name === name);

export const run = defineCommand({
  name: "run",
  summary: "Run a scheduled job now (sync and guardian ask for confirmation: they change nodes)",
  usage: "run <job> [--yes] [--json]",
  schema: z
    .object({ _: z.array(z.string()).length(1, { message: "give one job name" }) })
    .refine((a) => jobNamed(a._[0]!) !== undefined, { message: `not a job; one of ${registry.map((j) => j.name).join(", ")}`, path: ["_", 0] })
    .transform((a) => ({ job: a._[0]! })),
  role: "operator",
  changesState: true,
  confirm: (a: { job: string }) => jobNamed(a.job)?.changesNodes === true,
  async plan(_ctx, args) {
    const job = jobNamed(args.job)!;
    return { summary: `run the ${job.name} job now`, steps: [job.description] };
  },
  async run(ctx, args) {
    const job = jobNamed(args.job)!;
    const notifier = ctx.notifier ?? new LogNotifier(ctx.log);
    const controller = new AbortController();
    const outcome = await runRecorded(ctx.store, ctx.log, { job: job.name, trigger: "manual", owner: ctx.caller.who, waitMs: WAIT_MS }, () =>
      job.run({ config: ctx.config, ssh: ctx.ssh, store: ctx.store, log: ctx.log, now: ctx.now, dataDir: ctx.dataDir, env: ctx.env, notifier, ...(ctx.reportSink ? { reportSink: ctx.reportSink } : {}), signal: controller.signal, trigger: "manual" }),
    );
    if (!outcome.ran) throw new OysterError("Busy", outcome.reason);
    // heartbeat.jobs.<job>: a run by hand counts like a scheduled one. Waited for (the ping has its
    // own 10 s deadline), else a CLI that exits at once would never send it.
    const pings = heartbeatTargets(ctx.config, { withGuardianUrl: false });
    if (pings.length > 0) {
      const heartbeat = jobHeartbeat({ targets: pings, log: ctx.log.child({ subsystem: "heartbeat" }) });
      heartbeat.afterRun(job.name, outcome);
      await heartbeat.settled();
    }
    return { ok: outcome.result.ok, data: { job: job.name, outcome: outcome.result.ok ? "ok" : "failed", summary: outcome.result.summary } };
  },
  text: (d: RunData) => `${d.job}: ${d.outcome}: ${d.summary}`,
});
