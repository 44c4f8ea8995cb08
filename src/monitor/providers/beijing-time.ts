const BEIJING_TEXT = /(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?![0-9]*\s*(?:Z|[+-]\d{2}:?\d{2}))/;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * The first `YYYY-MM-DD HH:MM:SS` in a Z.ai message, read as Beijing time (UTC+8: Z.ai writes
 * it with no zone marker), as ISO 8601 UTC. "... reset at 2026-09-09 05:38:28" gives
 * "2026-09-08T21:38:28.000Z". Null when the text holds no such time.
 */
export function beijingTimeIn(text: string): string | null {
  const m = BEIJING_TEXT.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s) - BEIJING_OFFSET_MS;
  return Number.isNaN(utc) ? null : new Date(utc).toISOString();
}
