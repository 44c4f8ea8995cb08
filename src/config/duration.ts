const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION_RE = /^(\d+)([smhd])$/;
const HINT = "use a whole number followed by s, m, h or d, e.g. 45s, 30m, 1h, 24h, 7d";

/**
 * The longest duration accepted by default (a snooze). A bound keeps every derived date
 * representable (`100000000d` made an Invalid Date deep inside) and a snooze reviewable; a
 * look-back window such as `audit --since` passes its own, longer bound in whole days.
 */
export const MAX_DURATION_MS = 30 * UNIT_MS.d;

/** Parses the CLI's duration format ("30m", "1h", "7d") into milliseconds, at most `maxMs` (30 days). */
export function parseDuration(text: string, maxMs = MAX_DURATION_MS): number {
  const trimmed = typeof text === "string" ? text.trim() : "";
  const match = DURATION_RE.exec(trimmed);
  if (!match) throw new Error(`invalid duration ${JSON.stringify(text)}: ${HINT}`);
  const [, amount, unit] = match;
  const ms = Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  // A zero-length snooze or window is always a slip of the keyboard, never intended.
  if (ms === 0) throw new Error(`invalid duration ${JSON.stringify(text)}: must be greater than zero`);
  if (!Number.isSafeInteger(ms) || ms > maxMs) {
    throw new Error(`invalid duration ${JSON.stringify(text)}: too large; allowed from 1s to ${Math.floor(maxMs / UNIT_MS.d)}d`);
  }
  return ms;
}
