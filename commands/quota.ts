import { stopSignal } from "../src/cli/interrupt-signal.ts";
import { defineCommand, type CommandContext } from "../src/command/types.ts";
import { OysterError } from "../src/errors.ts";
import { forecast } from "../src/monitor/burn-rate.ts";
import { checkAll } from "../src/monitor/check-all.ts";
import { quotaHistoryPng } from "../src/monitor/chart/quota-chart.ts";
import { QuotaSamples } from "../src/monitor/quota-samples.ts";
import { accountFilter, checkHours, QUOTA_USAGE, quotaSchema, WATCH_INTERVAL, type QuotaArgs } from "../src/monitor/render/quota-args.ts";
import type { HistoryData } from "../src/monitor/render/history.ts";
import { historyBlocks, historyText } from "../src/monitor/render/history-text.ts";
import { liveQuota } from "../src/monitor/render/live-quota.ts";
import { isUnhealthy, type QuotaReport } from "../src/monitor/render/quota-report.ts";
import { quotaBlocks } from "../src/monitor/render/quota-blocks.ts";
import { quotaText } from "../src/monitor/render/quota-text.ts";
import { watchQuota } from "../src/monitor/render/watch-loop.ts";

export interface WatchData {
  watched: { rounds: number; intervalSeconds: number };
}

export type QuotaData = QuotaReport | HistoryData | WatchData;

const isHistory = (d: QuotaData): d is HistoryData => "samples" in d;
const isWatch = (d: QuotaData): d is WatchData => "watched" in d;

const live = (ctx: CommandContext) => liveQuota({ config: ctx.config, env: ctx.env, samples: new QuotaSamples(ctx.store.db), now: ctx.now, checkAll, forecast, ssh: ctx.ssh, db: ctx.store.db });

function history(ctx: CommandContext, args: Extract<QuotaArgs, { mode: "history" }>): HistoryData {
  const until = ctx.now();
  const since = new Date(until.getTime() - args.hours * 3600_000);
  const filter = args.account === null ? {} : accountFilter(ctx.config, args.account);
  const samples = new QuotaSamples(ctx.store.db).list({ since, ...filter });
  return { since: since.toISOString(), until: until.toISOString(), hours: args.hours, account: args.account, samples };
}

/**
 * A viewer's read, like `check --no-fix`: `quota` records what it saw as samples (the monitor's
 * own history, which no decision reads but the burn rate), and changes nothing else.
 */
export const quota = defineCommand({
  name: "quota",
  summary: "AI API quota of every account, checked live; history: stored samples (a chart in Slack); watch: redrawn every interval",
  usage: QUOTA_USAGE,
  options: {
    hours: { type: "string", description: `history: how many hours back (default 24, at most monitor.keepDays x 24)` },
    account: { type: "string", description: "history: one account, by label or provider:label" },
    interval: { type: "string", description: `watch: seconds between checks (${WATCH_INTERVAL.min}-${WATCH_INTERVAL.max}, default ${WATCH_INTERVAL.default})` },
  },
  schema: quotaSchema,
  role: "viewer",
  changesState: false,
  validate(ctx, args) {
    if (args.mode === "history") {
      checkHours(ctx.config, args.hours);
      if (args.account !== null) accountFilter(ctx.config, args.account);
    }
    if (args.mode === "watch" && ctx.caller.via === "slack") throw new OysterError("UsageError", "quota watch runs from the CLI only: oyster quota watch");
    if (args.mode === "watch" && !ctx.stdout) throw new OysterError("UsageError", "quota watch draws a table until Ctrl-C: run it without --json");
  },
  async run(ctx, args): Promise<{ ok: boolean; data: QuotaData }> {
    if (args.mode === "history") return { ok: true, data: history(ctx, args) };
    if (args.mode === "watch") {
      const { signal, dispose } = stopSignal(ctx);
      try {
        const rounds = await watchQuota({ check: () => live(ctx), out: ctx.stdout!, intervalMs: args.intervalSeconds * 1000, signal, now: ctx.now });
        return { ok: true, data: { watched: { rounds, intervalSeconds: args.intervalSeconds } } };
      } finally {
        dispose();
      }
    }
    const report = await live(ctx);
    return { ok: !report.windows.some(isUnhealthy), data: report };
  },
  text(data: QuotaData) {
    if (isWatch(data)) return `stopped after ${data.watched.rounds} round${data.watched.rounds === 1 ? "" : "s"}`;
    return isHistory(data) ? historyText(data) : quotaText(data);
  },
  blocks(data: QuotaData) {
    if (isWatch(data)) return [];
    return isHistory(data) ? historyBlocks(data) : quotaBlocks(data);
  },
  async slackFiles(data: QuotaData, ctx) {
    if (!isHistory(data) || data.samples.length === 0) return [];
    const hours = `${data.hours}h`;
    return [{ filename: `quota-${hours}.png`, title: `AI quota used %, last ${hours}`, content: quotaHistoryPng(data, ctx.config.oyster.monitor.thresholds), altText: "Line chart of used % over time per quota window" }];
  },
});
