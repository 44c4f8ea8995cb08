import { epochToIso, num, percentOf, record, type Reading } from "./reading.ts";

const TYPE_LABELS: Record<string, string> = { TOKENS_LIMIT: "tokens", TIME_LIMIT: "time", CREDIT_LIMIT: "credits" };

function typeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type.replace(/_LIMIT$/, "").toLowerCase();
}

/**
 * The window's name and length from `unit` + `number`: 3 = hours ("5h tokens"), 1 = days,
 * 6 = weeks. Other units (5 is read differently by different tools) are shown as given.
 */
export function zaiWindowName(type: string, unit: number | null, number: number | null): { name: string; seconds: number | null } {
  const label = typeLabel(type);
  const n = number ?? 1;
  if (unit === 3) return { name: `${n}h ${label}`, seconds: n * 3600 };
  if (unit === 1) return { name: n === 1 ? `daily ${label}` : `${n}d ${label}`, seconds: n * 86_400 };
  if (unit === 6) return { name: n === 1 ? `weekly ${label}` : `${n}w ${label}`, seconds: n * 604_800 };
  return { name: `${label} (unit ${unit ?? "?"}, number ${number ?? "?"})`, seconds: null };
}

/** Each `data.limits[]` entry as its own window; null when the body is not that shape. */
export function zaiWindows(json: unknown): Reading[] | null {
  const limits = record(record(json)?.data)?.limits;
  if (!Array.isArray(limits) || limits.length === 0) return null;
  const out: Reading[] = [];
  const seen = new Map<string, number>();
  for (const entry of limits) {
    const e = record(entry);
    if (!e || typeof e.type !== "string") return null;
    const { name, seconds } = zaiWindowName(e.type, num(e.unit), num(e.number));
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    const used = num(e.currentValue);
    const limit = num(e.usage);
    const remaining = num(e.remaining) ?? (used !== null && limit !== null ? Math.max(0, limit - used) : null);
    out.push({
      window: count > 1 ? `${name} #${count}` : name,
      windowSeconds: seconds,
      used,
      limit,
      remaining,
      usedPct: num(e.percentage) ?? percentOf(used, limit),
      resetsAt: epochToIso(e.nextResetTime),
    });
  }
  return out;
}
