import { z } from "zod";
import { alertBookFor } from "../src/alerts/alert-book-for.ts";
import { takeBackup, type BackupReport } from "../src/backup/take-backup.ts";
import { noPositionals } from "../src/command/arg-schemas.ts";
import { defineCommand } from "../src/command/types.ts";
import { OysterError } from "../src/errors.ts";
import { progressFor } from "../src/progress/for-context.ts";
import { runRecorded } from "../src/scheduler.ts";

/** How long `oyster backup` waits for a backup (or restore) in progress before saying "busy". */
const WAIT_FOR_BACKUP_MS = 30_000;

export const backup = defineCommand({
  name: "backup",
  summary: "Back up dispatch.db now: a verified copy in the data dir's snapshots/, then retention",
  usage: "backup [--json]",
  schema: z.object({ _: noPositionals }).transform(() => ({})),
  role: "operator",
  // It writes snapshots/ and state.db, so it is audited; the contract asks no confirmation.
  changesState: true,
  confirm: false,
  async run(ctx) {
    let report: BackupReport | undefined;
    // The same run as the scheduled job's, under its lock and recorded in job_runs as "manual".
    const outcome = await runRecorded(ctx.store, ctx.log, { job: "backup", trigger: "manual", owner: ctx.caller.who, waitMs: WAIT_FOR_BACKUP_MS }, async () => {
      report = await takeBackup({ ...ctx, alerts: alertBookFor(ctx), progress: progressFor(ctx) });
      return { ok: report.ok, summary: report.summary };
    });
    if (!outcome.ran) throw new OysterError("Busy", outcome.reason);
    if (!report) throw new OysterError("Internal", outcome.result.summary);
    return { ok: report.ok, data: report };
  },
  text(data: BackupReport) {
    return data.alert ? `${data.summary}\nalert ${data.alert.id} ${data.alert.status}` : data.summary;
  },
});
