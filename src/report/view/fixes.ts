import type { Translate } from "../../locale/index.ts";
import type { FixesSection } from "../types.ts";
import type { SectionView } from "./types.ts";
import { utcMinute } from "../../render/utc-time.ts";

export function viewFixes(f: FixesSection, t: Translate): SectionView {
  const title = t("report.fixes.title");
  if (f.total === 0) return { title, summary: t("report.fixes.none"), facts: [], lists: [] };
  return {
    title,
    summary: t("report.fixes.summary", { total: f.total, ok: f.ok, failed: f.failed }),
    facts: [],
    lists: [
      {
        label: t("report.fixes.list"),
        items: f.fixes.map((x) =>
          t("report.fixes.item", {
            time: utcMinute(x.at),
            subject: x.node ? t("alerts.plainSubject", { check: x.check, where: x.node }) : x.check,
            outcome: x.ok ? t("report.fixes.ok") : t("report.fixes.failed"),
            detail: x.detail,
          }),
        ),
        total: f.total,
      },
    ],
  };
}
