import { historySeries, seriesLabel, type HistoryData } from "../render/history.ts";
import { lineChartSvg } from "./line-chart-svg.ts";
import { svgToPng } from "./svg-to-png.ts";

export interface ChartSize {
  width: number;
  height: number;
}

export const DEFAULT_CHART_SIZE: ChartSize = { width: 1000, height: 520 };

/** The SVG of `quota history`: used % over time per window, the thresholds dashed. */
export function quotaHistorySvg(d: HistoryData, thresholds: readonly number[], size: ChartSize = DEFAULT_CHART_SIZE): string {
  const series = historySeries(d.samples).map((s) => ({ label: seriesLabel(s), points: s.samples.map((x) => ({ t: Date.parse(x.at), v: x.usedPct })) }));
  const who = d.account ? ` (${d.account})` : "";
  return lineChartSvg({
    title: `AI quota used %${who}, last ${d.hours}h (UTC)`,
    ...size,
    from: Date.parse(d.since),
    to: Date.parse(d.until),
    series,
    marks: [...thresholds],
  });
}

/** The same, as the PNG that Slack shows. */
export function quotaHistoryPng(d: HistoryData, thresholds: readonly number[], size: ChartSize = DEFAULT_CHART_SIZE): Buffer {
  return svgToPng(quotaHistorySvg(d, thresholds, size));
}
