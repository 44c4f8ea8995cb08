import type { AlertBook } from "../alerts/alert-book.ts";
import type { Config } from "../config/index.ts";
import type { Logger } from "../log.ts";
import type { Store } from "../store/index.ts";
import { countdown } from "./burn-rate.ts";
import { accountStates } from "./account-state.ts";
import { reconcilePausedNodes, type PauseOutcome } from "./pause-nodes.ts";
import { applyQuotaAlerts } from "./quota-alerts.ts";
import { QuotaSamples } from "./quota-samples.ts";
import type { AccountCheck, QuotaStatus } from "./types.ts";

export interface MonitorDeps {
  config: Config;
  store: Store;
  alerts: AlertBook;
  log: Logger;
  now: () => Date;
  /** Every account's check (checkAll in production; tests pass their own). */
  check: () => Promise<AccountCheck[]>;
}

export interface MonitorReport {
  checkedAt: string;
  accounts: number;
  windows: number;
  statuses: Record<QuotaStatus, number>;
  openAlerts: number;
  pruned: number;
  pausing: PauseOutcome;
  ok: boolean;
}

/** The burn rate looks this far back (the forecast itself keeps the last hour of the current period). */
const HISTORY_MS = 6 * 3600_000;

/**
 * One monitor run: check every account, record the samples (and prune past `monitor.keepDays`),
 * pause or resume nodes by `monitor.pauseNodes`, then raise, update or resolve the alerts, so an
 * exhausted account's alert already names the nodes it paused.
 */
export async function runMonitor(deps: MonitorDeps): Promise<MonitorReport> {
  const { config, store } = deps;
  const checks = await deps.check();
  const at = deps.now();
  const samples = new QuotaSamples(store.db);
  const windows = checks.flatMap((c) => c.windows);
  samples.record(at, windows);
  const pruned = samples.prune(new Date(at.getTime() - config.oyster.monitor.keepDays * 86_400_000));

  const pausing = reconcilePausedNodes(deps, accountStates(checks));
  if (pausing.skipped && config.oyster.monitor.pauseNodes.length > 0) deps.log.warn({ reason: pausing.skipped }, "monitor.pauseNodes not applied");

  const since = new Date(at.getTime() - HISTORY_MS);
  const openAlerts = await applyQuotaAlerts(
    {
      alerts: deps.alerts,
      thresholds: config.oyster.monitor.thresholds,
      now: deps.now,
      history: (w) => samples.list({ since, provider: w.provider, account: w.account }).filter((s) => s.window === w.window),
      pauseNote: (account) => pauseNote(pausing, account, at),
    },
    checks,
  );

  const statuses: Record<QuotaStatus, number> = { ok: 0, low: 0, exhausted: 0, error: 0 };
  for (const w of windows) statuses[w.status]++;
  return {
    checkedAt: at.toISOString(), accounts: checks.length, windows: windows.length, statuses, openAlerts, pruned, pausing,
    ok: statuses.error === 0,
  };
}

function pauseNote(p: PauseOutcome, account: string, now: Date): string | undefined {
  const mine = p.held.filter((h) => h.account === account);
  if (mine.length === 0) return undefined;
  const resetsAt = mine.map((h) => h.resetsAt).filter((r): r is string => r !== null).sort().at(-1);
  const until = resetsAt ? ` until the reset at ${resetsAt} (in ${countdown(Date.parse(resetsAt) - now.getTime())})` : " until it has room again";
  return `paused in dispatch: ${mine.map((h) => h.node).join(", ")}${until}`;
}

/** One line for job_runs and `jobs`. */
export function summarizeMonitor(r: MonitorReport): string {
  if (r.accounts === 0) return "no provider accounts configured";
  const s = r.statuses;
  const parts = [`${r.accounts} account${r.accounts === 1 ? "" : "s"}, ${r.windows} window${r.windows === 1 ? "" : "s"}`];
  const counts = (["exhausted", "low", "error"] as const).filter((k) => s[k] > 0).map((k) => `${s[k]} ${k}`);
  parts.push(counts.length ? counts.join(", ") : "all ok");
  if (r.pausing.paused.length) parts.push(`paused ${r.pausing.paused.join(", ")}`);
  if (r.pausing.resumed.length) parts.push(`resumed ${r.pausing.resumed.join(", ")}`);
  return parts.join("; ");
}
