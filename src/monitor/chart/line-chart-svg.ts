/** One line of the chart: points in time order, a gap where the value is null. */
export interface ChartSeries {
  label: string;
  points: Array<{ t: number; v: number | null }>;
}

export interface LineChartSpec {
  title: string;
  width: number;
  height: number;
  /** Epoch ms at the left and right edges. */
  from: number;
  to: number;
  series: ChartSeries[];
  /** Dashed horizontal lines (the alert thresholds, in %). */
  marks?: number[];
}

// Distinguishable on white and for the common colour-vision deficiencies (Okabe-Ito).
const COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];
const FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
const num = (n: number) => String(Math.round(n * 10) / 10);

/** Tick label: the time of day for a day or two, the date beyond. */
function tickLabel(t: number, span: number): string {
  const iso = new Date(t).toISOString();
  return span <= 2 * 86_400_000 ? iso.slice(11, 16) : iso.slice(5, 10);
}

/**
 * Used % (0-100, clipped above) over time, one line per series, with the legend below the plot.
 * Plain SVG by hand: a few dozen elements do not need a charting library.
 */
export function lineChartSvg(spec: LineChartSpec): string {
  const { width, height } = spec;
  // At most 6 legend rows (12 lines named); the rest are counted.
  const named = Math.min(spec.series.length, 12);
  const legendRows = Math.ceil(named / 2) + (spec.series.length > named ? 1 : 0);
  const left = 56;
  const right = width - 24;
  const top = 48;
  const bottom = Math.max(top + 80, height - 48 - legendRows * 20);
  const span = Math.max(1, spec.to - spec.from);
  const x = (t: number) => left + ((t - spec.from) / span) * (right - left);
  const y = (v: number) => bottom - (Math.min(Math.max(v, 0), 100) / 100) * (bottom - top);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${left}" y="28" font-size="18" font-weight="bold" fill="#222">${esc(spec.title)}</text>`,
  ];
  for (const v of [0, 25, 50, 75, 100]) {
    out.push(`<line x1="${left}" x2="${right}" y1="${num(y(v))}" y2="${num(y(v))}" stroke="#e3e3e3"/>`);
    out.push(`<text x="${left - 8}" y="${num(y(v) + 4)}" font-size="12" text-anchor="end" fill="#555">${v}%</text>`);
  }
  for (const m of spec.marks ?? []) out.push(`<line x1="${left}" x2="${right}" y1="${num(y(m))}" y2="${num(y(m))}" stroke="#c0392b" stroke-dasharray="6 4" stroke-width="1"/>`);
  const ticks = 6;
  for (let i = 0; i <= ticks; i++) {
    const t = spec.from + (span * i) / ticks;
    out.push(`<line x1="${num(x(t))}" x2="${num(x(t))}" y1="${bottom}" y2="${bottom + 5}" stroke="#999"/>`);
    out.push(`<text x="${num(x(t))}" y="${bottom + 20}" font-size="12" text-anchor="middle" fill="#555">${tickLabel(t, span)}</text>`);
  }
  out.push(`<line x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="#999"/>`);
  spec.series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    // A null value (a failed check) breaks the line rather than drawing through it.
    const runs: string[][] = [[]];
    for (const p of s.points) {
      if (p.v === null) runs.push([]);
      else runs.at(-1)!.push(`${num(x(p.t))},${num(y(p.v))}`);
    }
    for (const run of runs) {
      if (run.length > 1) out.push(`<polyline points="${run.join(" ")}" fill="none" stroke="${colour}" stroke-width="2.5" stroke-linejoin="round"/>`);
      else if (run.length === 1) out.push(`<circle cx="${run[0]!.split(",")[0]}" cy="${run[0]!.split(",")[1]}" r="3" fill="${colour}"/>`);
    }
    if (i >= named) return;
    const lx = left + (i % 2) * ((right - left) / 2);
    const ly = bottom + 40 + Math.floor(i / 2) * 20;
    out.push(`<rect x="${lx}" y="${ly - 10}" width="14" height="4" fill="${colour}"/>`);
    out.push(`<text x="${lx + 20}" y="${ly - 4}" font-size="13" fill="#222">${esc(s.label)}</text>`);
  });
  if (spec.series.length > named) out.push(`<text x="${left}" y="${bottom + 36 + Math.ceil(named / 2) * 20}" font-size="13" fill="#555">+ ${spec.series.length - named} more</text>`);
  out.push("</svg>");
  return out.join("\n");
}
