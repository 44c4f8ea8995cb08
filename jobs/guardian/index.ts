import { alertBookFor } from "../../src/alerts/alert-book-for.ts";
import { Outbox } from "../../src/notify/outbox.ts";
import { pruneHistory } from "../../src/store/prune-history.ts";
import type { Job } from "../../src/scheduler.ts";
import { summarize } from "./report.ts";
import { runGuardian } from "./run-guardian.ts";

// The guardian's face for commands (`check`): what they may use, so nothing reaches further in.
export { CHECK_NAMES, type CheckName } from "./checks/index.ts";
export { summarize, type GuardianReport } from "./report.ts";
export { runGuardian } from "./run-guardian.ts";
export { Ledger } from "./ledger.ts";

/** guardian.py's replacement: every `interval_seconds`, every enabled check, fixing what it can. */
export const guardian: Job = {
  name: "guardian",
  description: "Health checks that fix what they can, with a cap on fix attempts",
  // Its fixes push task-wrapper.sh and restart units, so `run guardian` asks first like `run sync`
  // (`check` runs the same fixes unconfirmed: the contract keeps it that way).
  changesNodes: true,
  schedule: (config) => ({ everySeconds: config.guardian.interval_seconds }),
  async run(ctx) {
    const alerts = alertBookFor(ctx, ctx.notifier);
    const report = await runGuardian({ ...ctx, alerts }, { fix: true });
    // Housekeeping rides on the guardian's period: resolved alerts and delivered notifications
    // older than the retention go, and so do old audit rows, job runs and fixes (retention.*).
    alerts.prune();
    new Outbox(ctx.store.db).prune(new Date(ctx.now().getTime() - ctx.config.guardian.backup_retention_days * 86_400_000));
    const pruned = pruneHistory(ctx.store.db, ctx.config.oyster.retention, ctx.now());
    if (pruned.audit + pruned.jobRuns + pruned.fixes + pruned.requests > 0) ctx.log.info(pruned, "history pruned");
    return { ok: report.ok, summary: summarize(report) };
  },
};
