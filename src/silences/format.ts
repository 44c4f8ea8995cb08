import { utcMinute } from "../render/utc-time.ts";
import { endOf, MATCH_FIELDS, type Silence, type SilenceMatch } from "./types.ts";

/** `node node-3 or node-4 and check disk`: what a silence covers, in the words of its flags. */
export function describeMatch(m: SilenceMatch): string {
  return MATCH_FIELDS.filter((f) => m[f].length > 0)
    .map((f) => `${f} ${m[f].join(" or ")}`)
    .join(" and ");
}

/** How an alert under a silence is shown (`alerts`, the report): "silenced until ... by ... (reason)". */
export function silencedText(s: { until: string; by: string; reason?: string | null }): string {
  return `silenced until ${utcMinute(s.until)} by ${s.by}${s.reason ? ` (${s.reason})` : ""}`;
}

export type SilenceState = "active" | "expired" | "removed";

export function silenceState(s: Silence, now: Date): SilenceState {
  if (endOf(s) > now.toISOString()) return "active";
  return s.removedAt !== null && s.removedAt <= s.endsAt ? "removed" : "expired";
}

/** One line per silence: id, what it covers, until when, by whom, why. */
export function silenceLine(s: Silence): string {
  return `${s.id} ${describeMatch(s.match)}, ${silencedText({ until: endOf(s), by: s.by, reason: s.reason })}`;
}
