import type { QuotaErrorKind } from "../types.ts";
import type { Reading } from "./reading.ts";

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
