import { table } from "../../render/table.ts";
import { readingCell } from "./reading-cell.ts";
import { formatAmount, formatCountdown, formatPct, formatUtc } from "./format.ts";
import type { QuotaReport, QuotaRow } from "./quota-report.ts";

/** The STATUS cell: the status, for errors why ("error: key rejected"), else its note ("ok (allowance boosted ×1.5)"). */
export function statusCell(w: Pick<QuotaRow, "status" | "detail" | "errorKind" | "note">): string {
  if (w.status !== "error") return w.note ? `${w.status} (${w.note})` : w.status;
  return `error: ${w.detail ?? w.errorKind ?? "no number"}`;
}

/** Providers without accounts, as one line that says how to add one. */
export function notConfiguredLine(r: Pick<QuotaReport, "notConfigured">): string {
  return r.notConfigured.length === 0 ? "" : `not configured: ${r.notConfigured.join(", ")} (add accounts under monitor.providers in oyster.json)`;
}

/** `quota` for a terminal: one row per window, every number, then the unconfigured providers. */
export function quotaText(r: QuotaReport): string {
  const tail = notConfiguredLine(r);
  if (r.windows.length === 0) return `No AI API accounts configured.\n${tail}`;
  // Agent plans say where and when they were read; the column is there only when one is listed.
  const now = new Date(r.checkedAt);
  const reading = r.windows.some((w) => w.node) ? (w: QuotaRow) => [readingCell(w, now) ?? "-"] : () => [];
  const body = table(
    ["PROVIDER", "ACCOUNT", "WINDOW", "USED", "LIMIT", "LEFT", "USED%", "RESETS", "IN", "STATUS", "FORECAST", ...(r.windows.some((w) => w.node) ? ["READ ON"] : [])],
    r.windows.map((w) => [
      w.provider,
      w.account,
      w.window,
      formatAmount(w.used),
      formatAmount(w.limit),
      formatAmount(w.remaining),
      formatPct(w.usedPct),
      formatUtc(w.resetsAt),
      formatCountdown(w.resetsInSeconds),
      statusCell(w),
      w.forecast?.text ?? "-",
      ...reading(w),
    ]),
  );
  return tail ? `${body}\n${tail}` : body;
}
