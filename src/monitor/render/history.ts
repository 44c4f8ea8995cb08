import type { QuotaSample } from "../quota-samples.ts";
import type { QuotaProvider } from "../types.ts";

/** What `quota history` returns (and `--json` prints): the stored samples, oldest first. */
export interface HistoryData {
  since: string;
  until: string;
  hours: number;
  /** The `--account` filter, when given. */
  account: string | null;
  samples: QuotaSample[];
}

/** One window's samples, as the sparkline and the chart draw them. */
export interface HistorySeries {
  provider: QuotaProvider;
  account: string;
  window: string;
  samples: QuotaSample[];
}

/** Samples grouped by (provider, account, window), in order of first appearance. */
export function historySeries(samples: readonly QuotaSample[]): HistorySeries[] {
  const series = new Map<string, HistorySeries>();
  for (const s of samples) {
    const key = JSON.stringify([s.provider, s.account, s.window]);
    let one = series.get(key);
    if (!one) series.set(key, (one = { provider: s.provider, account: s.account, window: s.window, samples: [] }));
    one.samples.push(s);
  }
  return [...series.values()];
}

export const seriesLabel = (s: Pick<HistorySeries, "provider" | "account" | "window">): string => `${s.provider}:${s.account} ${s.window}`;
