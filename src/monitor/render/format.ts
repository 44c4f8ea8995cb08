import { formatUptime } from "../../render/table.ts";
import { utcMinute } from "../../render/utc-time.ts";

/** 950 -> "950", 12_345 -> "12.3K", 127_694_464 -> "127.7M": token counts are too long to read whole. */
export function formatAmount(n: number | null): string {
  if (n === null) return "-";
  if (Math.abs(n) < 10_000) return String(Math.round(n * 100) / 100);
  return new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 }).format(n);
}

/** 15.4 -> "15%", 99.6 -> "99.6%" near the edge, where the decimal decides between low and exhausted. */
export function formatPct(pct: number | null): string {
  if (pct === null) return "-";
  const shown = pct >= 99 && pct < 100 ? Math.floor(pct * 10) / 10 : Math.round(pct);
  return `${shown}%`;
}

/** Seconds until the reset (0 once it has passed), or null when the provider gave no reset. */
export function secondsUntil(resetsAt: string | null, now: Date): number | null {
  if (resetsAt === null) return null;
  const ms = Date.parse(resetsAt) - now.getTime();
  return Number.isFinite(ms) ? Math.max(0, Math.round(ms / 1000)) : null;
}

/** "in 2h 13m", "now" once passed, "-" without a reset time. */
export function formatCountdown(seconds: number | null): string {
  if (seconds === null) return "-";
  return seconds === 0 ? "now" : `in ${formatUptime(seconds)}`;
}

/** "2026-02-09 14:46 UTC" (src/render/utc-time.ts), "-" for none. */
export function formatUtc(iso: string | null): string {
  return utcMinute(iso);
}
