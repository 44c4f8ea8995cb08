import { displayWidth } from "./paint.ts";

/**
 * A plain-text table with columns padded to their widest cell (last column unpadded). A row may
 * be shorter than the header: its last cell runs on unpadded (a down node's error across the
 * columns it has no values for) and does not widen the column it starts in.
 */
export function table(headers: string[], rows: string[][]): string {
  // Widths as a terminal shows them: paint markers take no column, Chinese headers take two each.
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(i < r.length - 1 || r.length === headers.length ? (r[i] ?? "") : ""))));
  const pad = (c: string, width: number) => c + " ".repeat(Math.max(0, width - displayWidth(c)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i] ?? 0))).join("  ").trimEnd();
  return [line(headers), ...rows.map(line)].join("\n");
}

/** 93784 s -> "1d 2h", 3700 s -> "1h 1m", 42 s -> "42s". */
export function formatUptime(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m`;
  return `${Math.floor(seconds)}s`;
}
