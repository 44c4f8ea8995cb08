import type { QuotaSample } from "./quota-samples.ts";

export interface Forecast {
  /** "at this pace it runs out in ~1h40m, before the reset in 3h", "lasts until the reset", ... */
  text: string;
  /** ISO 8601 UTC, when the pace holds and usage grows; null when it does not grow. */
  runsOutAt: string | null;
  /** True when it runs out before the window resets (or no reset time is known). */
  beforeReset: boolean;
}

/** At most this many samples (an hour at the 5-minute schedule) make "the pace". */
const RECENT = 12;

/**
 * Burn rate of one window from its recent samples (oldest first): the used % per hour between the
 * oldest and newest sample since the last reset (a drop in used % starts a new period), projected
 * to 100%. Null with fewer than two usable samples. Pure: `now` only places the countdowns.
 */
export function forecast(samples: QuotaSample[], now: Date): Forecast | null {
  const usable = samples.filter((s) => s.usedPct !== null && Number.isFinite(s.usedPct));
  const period = sinceLastReset(usable).slice(-RECENT);
  if (period.length < 2) return null;
  const first = period[0]!;
  const last = period[period.length - 1]!;
  const resetsAt = last.resetsAt ? Date.parse(last.resetsAt) : null;
  const resetIn = resetsAt === null ? "" : ` in ${countdown(resetsAt - now.getTime())}`;
  const usedPct = last.usedPct!;
  if (usedPct >= 100) return { text: `exhausted until the reset${resetIn}`, runsOutAt: last.at, beforeReset: true };
  const hours = (Date.parse(last.at) - Date.parse(first.at)) / 3600_000;
  const perHour = hours > 0 ? (usedPct - first.usedPct!) / hours : 0;
  if (perHour <= 0) return { text: "lasts until the reset", runsOutAt: null, beforeReset: false };
  const runsOut = Date.parse(last.at) + ((100 - usedPct) / perHour) * 3600_000;
  const runsOutAt = new Date(runsOut).toISOString();
  if (resetsAt !== null && runsOut >= resetsAt) return { text: "lasts until the reset", runsOutAt, beforeReset: false };
  const pace = `at this pace it runs out in ~${countdown(runsOut - now.getTime())}`;
  return { text: resetsAt === null ? pace : `${pace}, before the reset${resetIn}`, runsOutAt, beforeReset: true };
}

/** The trailing run of samples whose used % never fell: a fall means the window reset. */
function sinceLastReset(samples: QuotaSample[]): QuotaSample[] {
  let start = samples.length - 1;
  while (start > 0 && samples[start - 1]!.usedPct! <= samples[start]!.usedPct!) start--;
  return samples.slice(Math.max(start, 0));
}

/** "40m", "3h", "1h40m", "2d3h": minutes rounded, never negative. */
export function countdown(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? `${d}d${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h${m}m` : `${h}h`;
  return `${m}m`;
}
