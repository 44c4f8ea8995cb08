import { formatUptime } from "../../render/table.ts";


export function ago(seconds: number): string {
  return seconds < 60 ? "just now" : `${formatUptime(seconds)} ago`;
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

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

// Failures first: they are what the reader scans for; statuses dispatch adds later go last.
const STATUS_ORDER = ["failed", "running", "pending", "done", "cancelled"];
const rank = (status: string) => (STATUS_ORDER.includes(status) ? STATUS_ORDER.indexOf(status) : STATUS_ORDER.length);

/** Counts by status, zeros left out, failures first: "3 failed, 30 done". */
export function counts(byStatus: Record<string, number>): string {
  return Object.entries(byStatus)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([s, n]) => `${n} ${s}`)
    .join(", ");
}

export const percent = (p: number) => `${p.toFixed(1)}%`;
