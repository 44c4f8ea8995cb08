import type { QuotaErrorKind, QuotaStatus, QuotaWindow } from "./types.ts";

/** What classify looks at: the numbers, and what the provider itself said (exhausted) or the check's failure. */
export type Classifiable = Pick<QuotaWindow, "remaining" | "usedPct"> & { status?: QuotaStatus; errorKind?: QuotaErrorKind };

/**
 * A window's status from its numbers and `monitor.thresholds` (used %): error when the check
 * failed; exhausted when the provider said so, nothing remains, or used % reached 100; low from
 * the first threshold on (>=); ok otherwise, including when no number is known (a spend window).
 */
export function classify(window: Classifiable, thresholds: readonly number[]): QuotaStatus {
  if (window.status === "error" || window.errorKind !== undefined) return "error";
  if (window.status === "exhausted") return "exhausted";
  if (window.remaining !== null && window.remaining <= 0) return "exhausted";
  if (window.usedPct !== null && window.usedPct >= 100) return "exhausted";
  const low = thresholds[0];
  if (low !== undefined && window.usedPct !== null && window.usedPct >= low) return "low";
  return "ok";
}
