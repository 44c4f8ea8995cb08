import { alertBookFor } from "../../src/alerts/alert-book-for.ts";
import { runMonitor, summarizeMonitor } from "../../src/monitor/run-monitor.ts";
import type { Job } from "../../src/scheduler.ts";

/**
 * monitor.py's replacement: every `schedules.monitor`, each provider account's quota checked,
 * stored, alerted on, and nodes paused in dispatch.db while their account is exhausted. It only
 * reads the providers and pauses by the rule, so `run monitor` needs no confirmation.
 */
export const monitor: Job = {
  name: "monitor",
  description: "AI API quota per provider account: samples, alerts, burn rate, nodes paused while exhausted",
  changesNodes: false,
  schedule: (config) => ({ cron: config.oyster.schedules.monitor }),
  async run(ctx) {
    // Loaded on first run: the provider adapters are not needed to start the bot or the CLI.
    const { checkAll } = await import("../../src/monitor/check-all.ts");
    const report = await runMonitor({
      config: ctx.config, store: ctx.store, log: ctx.log, now: ctx.now, alerts: alertBookFor(ctx, ctx.notifier),
      check: () => checkAll(ctx.config, ctx.env ?? process.env, { now: ctx.now, ssh: ctx.ssh, db: ctx.store.db }),
    });
    return { ok: report.ok, summary: summarizeMonitor(report) };
  },
};
