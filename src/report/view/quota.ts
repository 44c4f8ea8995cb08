import type { Translate } from "../../locale/index.ts";
import type { QuotaAccount, QuotaSection, QuotaWindowLine } from "../types.ts";
import { percent, plural } from "./format.ts";
import type { SectionView } from "./types.ts";
import { utcMinute } from "../../render/utc-time.ts";

/** A window with no used % is an error only when its check failed: a spend window, say, has no limit to be a share of. */
const reading = (w: QuotaWindowLine, t: Translate) =>
  w.status === "exhausted"
    ? t("report.quota.exhausted")
    : w.status === "error"
      ? `${t("report.quota.error")}${w.detail ? t("report.paren", { text: w.detail }) : ""}`
      : w.usedPct === null
        ? w.status
        : percent(w.usedPct);

const windowText = (w: QuotaWindowLine, t: Translate) =>
  `${w.window} ${reading(w, t)}${w.resetsAt && w.status !== "error" ? t("report.quota.resets", { time: utcMinute(w.resetsAt) }) : ""}`;

// gather/quota.ts writes "no data yet" for an account never read: worded here like the rest.
const note = (text: string, t: Translate) => (text === "no data yet" ? t("report.quota.noReading") : text);

const accountText = (a: QuotaAccount, t: Translate) =>
  a.windows?.length ? a.windows.map((w) => windowText(w, t)).join(t("report.sep")) : a.usedPercent === null ? note(a.note, t) : t("report.quota.used", { percent: percent(a.usedPercent) });

export function viewQuota(q: QuotaSection, t: Translate): SectionView {
  const title = t("report.quota.title");
  if (q.state === "not-configured") return { title, summary: t("report.notConfigured", { reason: q.reason }), facts: [], lists: [] };
  const withData = q.accounts.filter((a) => a.windows?.length || a.usedPercent !== null);
  const exhausted = q.exhausted ?? [];
  const worst = withData[0]?.windows?.[0];
  const accounts = plural(t, "report.quota.accounts", q.accounts.length);
  const summary = [
    withData.length === 0 ? `${accounts}${t("report.quota.noData")}` : accounts,
    ...(worst ? [t("report.quota.worst", { account: `${withData[0]!.provider}/${withData[0]!.account}`, window: windowText(worst, t) })] : []),
    ...(exhausted.length ? [t("report.quota.exhaustedCount", { count: exhausted.length })] : []),
  ].join(withData.length === 0 ? "" : t("report.quota.partSep"));
  return {
    title,
    summary,
    facts: q.accounts.map((a) => ({ label: `${a.provider}/${a.account}`, value: accountText(a, t) })),
    lists: exhausted.length
      ? [
          {
            label: t("report.quota.exhaustedList"),
            items: exhausted.map((e) => t("report.quota.exhaustedItem", { account: `${e.provider}/${e.account}`, windows: e.windows.join(", "), time: utcMinute(e.lastAt) })),
            total: exhausted.length,
          },
        ]
      : [],
  };
}
