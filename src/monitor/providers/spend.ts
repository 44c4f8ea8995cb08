import type { QuotaErrorKind } from "../types.ts";
import { record, type Reading } from "./reading.ts";

/** The extra window an admin key adds: money spent today (UTC), in dollars, with no limit. */
export const SPEND_WINDOW = "spend today";

/** Midnight UTC that starts `now`'s day: where the providers' daily cost buckets begin. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export function spendReading(dollars: number, now: Date): Reading {
  const resetsAt = new Date(startOfUtcDay(now).getTime() + 86_400_000).toISOString();
  return { window: SPEND_WINDOW, windowSeconds: 86_400, used: Math.round(dollars * 100) / 100, limit: null, remaining: null, usedPct: null, resetsAt };
}

/** The spend could not be read; the quota windows beside it still stand. */
export function spendFailure(errorKind: QuotaErrorKind, detail: string, raw?: string): Reading {
  return {
    window: SPEND_WINDOW, windowSeconds: 86_400, used: null, limit: null, remaining: null, usedPct: null, resetsAt: null,
    status: "error", errorKind, detail, ...(raw !== undefined ? { raw } : {}),
  };
}

/** A failed account-level reading re-filed as the spend window (same kind, detail and raw). */
export function asSpendFailure(r: Reading): Reading {
  return spendFailure(r.errorKind ?? "http", r.detail ?? "spend not read", r.raw);
}

/**
 * The sum over a cost report page's `data[].results[]` (the shape both Anthropic and OpenAI use),
 * each result's amount picked by `amountOf`. Null when the page or any amount is not that shape.
 */
export function sumCostResults(json: unknown, amountOf: (result: Record<string, unknown> | null) => number | null): number | null {
  const data = record(json)?.data;
  if (!Array.isArray(data)) return null;
  let sum = 0;
  for (const bucket of data) {
    const results = record(bucket)?.results;
    if (!Array.isArray(results)) return null;
    for (const r of results) {
      const amount = amountOf(record(r));
      if (amount === null) return null;
      sum += amount;
    }
  }
  return sum;
}
