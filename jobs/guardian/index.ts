import { alertBookFor } from "../../src/alerts/alert-book-for.ts";
import { Outbox } from "../../src/notify/outbox.ts";
import type { Job } from "../../src/scheduler.ts";
import { summarize } from "./report.ts";
import { runGuardian } from "./run-guardian.ts";

/** guardian.py's replacement: every `interval_seconds`, every enabled check, fixing what it can. */
export const guardian: Job = {
  name: "guardian",
  description: "Health checks that fix what they can, with a cap on fix attempts",
  changesNodes: false,
  schedule: (config) => ({ everySeconds: config.guardian.interval_seconds }),
  async run(ctx) {
    const alerts = alertBookFor(ctx, ctx.notifier);
    const report = await runGuardian({ ...ctx, alerts }, { fix: true });
    // Housekeeping rides on the guardian's period: resolved alerts and delivered notifications
    // older than the retention go.
    alerts.prune();
    new Outbox(ctx.store.db).prune(new Date(ctx.now().getTime() - ctx.config.guardian.backup_retention_days * 86_400_000));
    return { ok: report.ok, summary: summarize(report) };
  },
};
