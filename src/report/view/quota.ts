import type { QuotaAccount, QuotaSection, QuotaWindowLine } from "../types.ts";
import { percent, plural } from "./format.ts";
import type { SectionView } from "./types.ts";
import { utcMinute } from "../../render/utc-time.ts";

/** A window with no used % is an error only when its check failed: a spend window, say, has no limit to be a share of. */
const reading = (w: QuotaWindowLine) =>
  w.status === "exhausted" ? "exhausted" : w.status === "error" ? `error${w.detail ? ` (${w.detail})` : ""}` : w.usedPct === null ? w.status : percent(w.usedPct);

const windowText = (w: QuotaWindowLine) => `${w.window} ${reading(w)}${w.resetsAt && w.status !== "error" ? ` (resets ${utcMinute(w.resetsAt)})` : ""}`;

const accountText = (a: QuotaAccount) => (a.windows?.length ? a.windows.map(windowText).join(", ") : a.usedPercent === null ? a.note : `${percent(a.usedPercent)} used`);

export function viewQuota(q: QuotaSection): SectionView {
  if (q.state === "not-configured") return { title: "API quota", summary: `not configured: ${q.reason}`, facts: [], lists: [] };
  const withData = q.accounts.filter((a) => a.windows?.length || a.usedPercent !== null);
  const exhausted = q.exhausted ?? [];
  const worst = withData[0]?.windows?.[0];
  const summary = [
    withData.length === 0 ? `${plural(q.accounts.length, "account")}: no data yet` : `${plural(q.accounts.length, "account")}`,
    ...(worst ? [`worst ${withData[0]!.provider}/${withData[0]!.account} ${windowText(worst)}`] : []),
    ...(exhausted.length ? [`${exhausted.length} exhausted in the last 24 h`] : []),
  ].join(withData.length === 0 ? "" : "; ");
  return {
    title: "API quota",
    summary,
    facts: q.accounts.map((a) => ({ label: `${a.provider}/${a.account}`, value: accountText(a) })),
    lists: exhausted.length
      ? [{ label: "Exhausted in the last 24 h", items: exhausted.map((e) => `${e.provider}/${e.account}: ${e.windows.join(", ")} (last seen ${utcMinute(e.lastAt)})`), total: exhausted.length }]
      : [],
  };
}
