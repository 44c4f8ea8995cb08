import type { QuotaSection } from "../types.ts";
import { percent, plural } from "./format.ts";
import type { SectionView } from "./types.ts";

export function viewQuota(q: QuotaSection): SectionView {
  if (q.state === "not-configured") return { title: "API quota", summary: `not configured: ${q.reason}`, facts: [], lists: [] };
  const withData = q.accounts.filter((a) => a.usedPercent !== null).length;
  return {
    title: "API quota",
    summary: withData === 0 ? `${plural(q.accounts.length, "account")}: no data yet` : `${plural(q.accounts.length, "account")}`,
    facts: q.accounts.map((a) => ({ label: `${a.provider}/${a.account}`, value: a.usedPercent === null ? a.note : `${percent(a.usedPercent)} used` })),
    lists: [],
  };
}
