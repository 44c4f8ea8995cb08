import { fromLimitRemaining, num, type Reading } from "./reading.ts";

const KINDS = [
  ["requests", "requests"],
  ["tokens", "tokens"],
  ["input-tokens", "input tokens"],
  ["output-tokens", "output tokens"],
] as const;

function isoOrNull(text: string | null): string | null {
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** `anthropic-ratelimit-<kind>-{limit,remaining,reset}` into one window per kind present (resets RFC 3339). */
export function anthropicWindows(headers: Headers): Reading[] {
  const out: Reading[] = [];
  for (const [kind, name] of KINDS) {
    const limit = num(headers.get(`anthropic-ratelimit-${kind}-limit`));
    const remaining = num(headers.get(`anthropic-ratelimit-${kind}-remaining`));
    if (limit === null && remaining === null) continue;
    out.push(fromLimitRemaining(name, limit, remaining, isoOrNull(headers.get(`anthropic-ratelimit-${kind}-reset`))));
  }
  return out;
}

/**
 * When a 429 that names no `retry-after` ends: the reset of the window that ran out. Several
 * run out: the latest (nothing goes through before it). None reads 0 (token counts are rounded
 * to the thousand): the one with the least share left. Null when no window has a reset.
 */
export function exhaustedWindowReset(windows: readonly Reading[]): string | null {
  const timed = windows.filter((w) => w.resetsAt !== null);
  const out = timed.filter((w) => w.remaining !== null && w.remaining <= 0);
  if (out.length > 0) return out.map((w) => w.resetsAt!).sort().at(-1)!;
  const share = (w: Reading) => (w.remaining !== null && w.limit !== null && w.limit > 0 ? w.remaining / w.limit : Infinity);
  const tightest = [...timed].sort((a, b) => share(a) - share(b))[0];
  return tightest && share(tightest) !== Infinity ? tightest.resetsAt : timed.map((w) => w.resetsAt!).sort()[0] ?? null;
}
