import { escapeMrkdwn } from "../../render/escape.ts";
import { table } from "../../render/table.ts";
import { formatPct, formatUtc } from "./format.ts";
import { historySeries, seriesLabel, type HistoryData, type HistorySeries } from "./history.ts";
import { sparkline } from "./sparkline.ts";

type Block = Record<string, unknown>;

const pcts = (s: HistorySeries) => s.samples.map((x) => x.usedPct).filter((v): v is number => v !== null);
const line = (d: HistoryData, s: HistorySeries, width: number) =>
  sparkline(s.samples.map((x) => ({ t: Date.parse(x.at), v: x.usedPct })), Date.parse(d.since), Date.parse(d.until), width);

function title(d: HistoryData): string {
  const who = d.account ? ` for ${d.account}` : "";
  return `Quota history${who}, last ${d.hours}h (${formatUtc(d.since)} to ${formatUtc(d.until)}): ${d.samples.length} samples`;
}

/** `quota history`: per window the latest, lowest and highest used %, and a sparkline (0-100%). */
export function historyText(d: HistoryData): string {
  const series = historySeries(d.samples);
  if (series.length === 0) return `${title(d)}.\nNo samples yet: \`oyster quota\` and the monitor job record them.`;
  const rows = series.map((s) => {
    const v = pcts(s);
    return [s.provider, s.account, s.window, formatPct(s.samples.at(-1)?.usedPct ?? null), v.length ? formatPct(Math.min(...v)) : "-", v.length ? formatPct(Math.max(...v)) : "-", String(s.samples.length), `|${line(d, s, 48).padEnd(48)}|`];
  });
  return `${title(d)}\n${table(["PROVIDER", "ACCOUNT", "WINDOW", "NOW", "MIN", "MAX", "SAMPLES", "USED % OVER TIME (0-100)"], rows)}`;
}

/** The Slack reply beside the chart: the same per-window summary, short enough for one message. */
export function historyBlocks(d: HistoryData): Block[] {
  const series = historySeries(d.samples);
  const head: Block = { type: "section", text: { type: "mrkdwn", text: `*${escapeMrkdwn(title(d))}*` } };
  if (series.length === 0) return [head, { type: "context", elements: [{ type: "mrkdwn", text: "No samples yet: `/oyster quota` and the monitor job record them." }] }];
  const lines = series.slice(0, 40).map((s) => `\`${escapeMrkdwn(seriesLabel(s))}\` now *${formatPct(s.samples.at(-1)?.usedPct ?? null)}* \`${line(d, s, 24).padEnd(24)}\``);
  const more = series.length > 40 ? [`... ${series.length - 40} more windows: run \`oyster quota history\``] : [];
  return [head, { type: "section", text: { type: "mrkdwn", text: [...lines, ...more].join("\n").slice(0, 2900) } }, { type: "context", elements: [{ type: "mrkdwn", text: "The chart of used % over time follows in this channel." }] }];
}
