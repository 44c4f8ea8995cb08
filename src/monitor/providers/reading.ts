import type { QuotaErrorKind, QuotaWindow } from "../types.ts";

/**
 * What an adapter reads for one window: a QuotaWindow without the provider and account (the
 * caller knows them) and without the status, which `classify` derives from the numbers unless
 * the provider itself said "exhausted" or the check failed ("error").
 */
export type Reading = Omit<QuotaWindow, "provider" | "account" | "status"> & { status?: "exhausted" | "error" };

/** The window a whole-account result is filed under (a failed check, an exhaustion with no window named). */
export const ACCOUNT_WINDOW = "account";

const EMPTY = { windowSeconds: null, used: null, limit: null, remaining: null, usedPct: null, resetsAt: null } as const;

/** The check failed as a whole: one "account" window with status error. */
export function failed(errorKind: QuotaErrorKind, detail: string, raw?: string): Reading {
  return { window: ACCOUNT_WINDOW, ...EMPTY, status: "error", errorKind, detail, ...(raw !== undefined ? { raw } : {}) };
}

/** The provider said the account is out until `resetsAt` (when it said when) without naming a window. */
export function exhausted(detail: string, resetsAt: string | null, raw?: string): Reading {
  return { window: ACCOUNT_WINDOW, ...EMPTY, resetsAt, status: "exhausted", detail, ...(raw !== undefined ? { raw } : {}) };
}

/** A window from a limit and what is left of it (Anthropic's and OpenAI's headers). */
export function fromLimitRemaining(window: string, limit: number | null, remaining: number | null, resetsAt: string | null): Reading {
  const used = limit !== null && remaining !== null ? Math.max(0, limit - remaining) : null;
  return { window, windowSeconds: null, used, limit, remaining, usedPct: percentOf(used, limit), resetsAt };
}

/** used as a share of limit in %, two decimals; null when either is unknown or the limit is 0. */
export function percentOf(used: number | null, limit: number | null): number | null {
  if (used === null || limit === null || limit <= 0) return null;
  return Math.round((used / limit) * 10_000) / 100;
}

/** A number from a JSON value or a header: numbers and numeric strings, else null. */
export function num(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string" || value.trim() === "") return null;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : null;
}

/** An epoch time (milliseconds, or seconds when it is too small to be milliseconds) as ISO 8601 UTC. */
export function epochToIso(value: unknown): string | null {
  const n = num(value);
  if (n === null || n <= 0) return null;
  const ms = n < 1e11 ? n * 1000 : n;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** A plain object, or null. */
export function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
