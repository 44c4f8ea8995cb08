import { isOysterError } from "../../src/errors.ts";
import type { Job } from "../../src/scheduler.ts";
import { summarizeSync, syncFleet } from "../../src/sync/index.ts";

/**
 * sync-infra.sh's replacement: on `schedules.sync`, push `sync.files` to every node, only what
 * differs. It raises no alerts of its own: an unreachable node is the guardian's incident
 * (node_availability / ssh_connection, with storm grouping), and drift of the files it watches
 * is alerted by wrapper_version / param_alignment every guardian period; a failed node is named
 * in this run's summary in job_runs. The `sync.restart` units it restarted (or failed to) are
 * named there too, which is what the daily report shows of the last sync.
 */
export const sync: Job = {
  name: "sync",
  description: "Push the dispatch core files to every node, only what differs, verified by hash; restart the units sync.restart maps to a replaced file",
  changesNodes: true,
  schedule: (config) => ({ cron: config.oyster.schedules.sync }),
  async run(ctx) {
    try {
      const report = await syncFleet(ctx, { dryRun: false, signal: ctx.signal });
      return { ok: report.ok, summary: summarizeSync(report) };
    } catch (err) {
      // No dispatch dir is a feature not set up yet, not a failure to repeat every hour.
      if (isOysterError(err) && err.code === "NotConfigured") return { ok: true, summary: `skipped: ${err.message}` };
      throw err;
    }
  },
};
