import { alertBookFor } from "../../src/alerts/alert-book-for.ts";
import { takeBackup } from "../../src/backup/take-backup.ts";
import type { Job } from "../../src/scheduler.ts";

/**
 * snapshot_dispatch_db.py's replacement: a verified copy of dispatch.db in the data dir's
 * snapshots/, recorded in state.db, then retention. `oyster backup` runs the same takeBackup.
 */
export const backup: Job = {
  name: "backup",
  description: "Verified copy of dispatch.db into snapshots/, with retention",
  changesNodes: false,
  schedule: (config) => ({ cron: config.oyster.schedules.backup }),
  async run(ctx) {
    const report = await takeBackup({ ...ctx, alerts: alertBookFor(ctx, ctx.notifier) });
    return { ok: report.ok, summary: report.summary };
  },
};
