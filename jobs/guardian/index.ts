import { alertBookFor } from "../../src/alerts/alert-book-for.ts";
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
    alerts.prune();
    return { ok: report.ok, summary: summarize(report) };
  },
};
