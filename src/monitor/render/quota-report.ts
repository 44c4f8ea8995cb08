import { PROVIDERS, type AccountCheck, type ProviderName, type QuotaWindow } from "../types.ts";
import type { QuotaSample } from "../quota-samples.ts";
import type { Forecast } from "../burn-rate.ts";
import { secondsUntil } from "./format.ts";

export type { Forecast };

export type ForecastFn = (samples: QuotaSample[] /* one window, oldest first */, now: Date) => Forecast | null;

/** One window as `quota` shows it: the normalised window, its countdown and its forecast. */
export interface QuotaRow extends QuotaWindow {
  checkedAt: string;
  /** Seconds until `resetsAt` (0 once passed), null without one. */
  resetsInSeconds: number | null;
  forecast: Forecast | null;
}

/** What `quota` returns (and `--json` prints). */
export interface QuotaReport {
  checkedAt: string;
  windows: QuotaRow[];
  /** Providers with no account in `monitor.providers`. */
  notConfigured: ProviderName[];
}

/** Unhealthy, for the exit code: a window with nothing left, or a check that gave no number. */
export const isUnhealthy = (w: Pick<QuotaWindow, "status">): boolean => w.status === "exhausted" || w.status === "error";

export function configuredProviders(accounts: Partial<Record<ProviderName, unknown[] | undefined>>): { configured: ProviderName[]; notConfigured: ProviderName[] } {
  const configured = PROVIDERS.filter((p) => (accounts[p]?.length ?? 0) > 0);
  return { configured, notConfigured: PROVIDERS.filter((p) => !configured.includes(p)) };
}

/**
 * The report of one live check: every window of every account, in the order the checks came
 * back, each with its countdown and the forecast from `history` (that window's recent samples).
 */
export function buildQuotaReport(input: {
  checks: AccountCheck[];
  notConfigured: ProviderName[];
  now: Date;
  history: (w: QuotaWindow) => QuotaSample[];
  forecast: ForecastFn;
}): QuotaReport {
  const windows = input.checks.flatMap((c) =>
    c.windows.map((w): QuotaRow => {
      const forecast = w.status === "error" ? null : input.forecast(input.history(w), input.now);
      return { ...w, checkedAt: c.checkedAt, resetsInSeconds: secondsUntil(w.resetsAt, input.now), forecast };
    }),
  );
  return { checkedAt: input.now.toISOString(), windows, notConfigured: input.notConfigured };
}
