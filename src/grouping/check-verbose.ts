import type { CheckStatus } from "../../jobs/guardian/report.ts";
import type { Tone } from "../render/paint.ts";
import { table } from "../render/table.ts";
import type { View } from "../render/view.ts";
import { dispatchChange, summaryLine, withAlerts, type CheckReport } from "./check-lines.ts";

const CELL_TONE: Partial<Record<CheckStatus, Tone>> = { failed: "fail", skipped: "dim" };

/**
 * `check --verbose`: the per-node table as it was before grouping (a row per check per node, every
 * dispatch change on its own line), in the view's language. In English and without paint it is
 * the same text, byte for byte.
 */
export function checkTable(report: CheckReport, view: View): string {
  const { t } = view;
  const names = (list: readonly string[]) => list.join(", ");
  const rows = report.results.map((r) => {
    const word = t(`check.status.${r.status}`);
    const tone = CELL_TONE[r.status];
    return [r.check, r.node ?? t("check.fleetCell"), tone ? view.paint.tone(tone, word) : word, withAlerts(r.detail, [r], view, names)];
  });
  const head = report.storm ? `${t("check.storm", { count: report.storm.length, nodes: names(report.storm) })}\n` : "";
  const body = rows.length ? table([t("check.col.check"), t("check.col.node"), t("check.col.result"), t("check.col.detail")], rows) : t("check.none");
  const changes = report.dispatchNodeChanges.map((c) => dispatchChange(view, c.name, c.from, c.to));
  return [head + body, ...changes, summaryLine(report, view)].join("\n");
}
