import type { MessageKey, Translate } from "../../locale/index.ts";
import { formatUptime } from "../../render/table.ts";
import { taskStatus } from "./words.ts";

export function ago(seconds: number, t: Translate): string {
  return seconds < 60 ? t("report.justNow") : t("report.ago", { duration: formatUptime(seconds) });
}

/** Binary units, named as such, so "12.3 MiB" matches what `ls -lh` shows. */
export function bytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${n} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A count in words: `<key>.one` for 1, `<key>.many` otherwise, `{count}` filled in. */
export function plural(t: Translate, key: string, count: number): string {
  return t(`${key}.${count === 1 ? "one" : "many"}` as MessageKey, { count });
}

// Failures first: they are what the reader scans for; statuses dispatch adds later go last.
const STATUS_ORDER = ["failed", "running", "pending", "done", "cancelled"];
const rank = (status: string) => (STATUS_ORDER.includes(status) ? STATUS_ORDER.indexOf(status) : STATUS_ORDER.length);

/** Counts by status, zeros left out, failures first: "3 failed, 30 done". Statuses are dispatch's own words. */
export function counts(byStatus: Record<string, number>, t: Translate): string {
  return Object.entries(byStatus)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([s, n]) => t("report.countOf", { count: n, status: taskStatus(s, t) }))
    .join(t("report.sep"));
}

export const percent = (p: number) => `${p.toFixed(1)}%`;
