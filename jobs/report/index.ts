import { LogReportSink } from "../../src/notify/report-sink.ts";
import { buildReport } from "../../src/report/build-report.ts";
import { composeMessage } from "../../src/report/compose-message.ts";
import { liveReachability } from "../../src/report/live-reachability.ts";
import type { Job } from "../../src/scheduler.ts";
import { plainView } from "../../src/render/view.ts";

/**
 * The 9 am report (`schedules.report`, in `timezone`), handed to the outbox (Slack's report
 * channel, and email); the log when no sink is wired. The run is ok when the report was built
 * and handed over, whatever it says: bad news is still a report.
 */
export const report: Job = {
  name: "report",
  description: "The daily report: nodes, tasks, alerts, fixes, quota, backup, sync, jobs",
  changesNodes: false,
  schedule: (config) => ({ cron: config.oyster.schedules.report }),
  async run(ctx) {
    const built = await buildReport({ config: ctx.config, store: ctx.store, now: ctx.now, reachability: liveReachability(ctx.ssh) });
    await (ctx.reportSink ?? new LogReportSink(ctx.log)).sendReport(composeMessage(built, plainView(ctx.config.oyster.locale)));
    return { ok: true, summary: built.headline };
  },
};
