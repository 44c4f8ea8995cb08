const BARS = "▁▂▃▄▅▆▇█";

export interface Point {
  /** Epoch ms. */
  t: number;
  /** Used %, null when that check gave no number. */
  v: number | null;
}

/**
 * Used % over [from, to] in `width` time buckets, each the highest value in it, on a fixed
 * 0-100 scale (so two windows compare at a glance); a bucket without a number is a space.
 */
export function sparkline(points: readonly Point[], from: number, to: number, width = 48): string {
  const span = Math.max(1, to - from);
  const buckets: Array<number | null> = Array.from({ length: width }, () => null);
  for (const p of points) {
    if (p.v === null || p.t < from || p.t > to) continue;
    const i = Math.min(width - 1, Math.floor(((p.t - from) / span) * width));
    buckets[i] = Math.max(buckets[i] ?? -Infinity, p.v);
  }
  return buckets
    .map((v) => (v === null ? " " : BARS[Math.min(BARS.length - 1, Math.max(0, Math.floor((Math.min(v, 100) / 100) * BARS.length - 1e-9)))]))
    .join("")
    .trimEnd();
}
