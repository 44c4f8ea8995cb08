import { epochToIso, num, record } from "../../providers/reading.ts";
import { planWindow, rawOf, type Parsed } from "./parsed.ts";
import { windowName } from "./window-name.ts";

/** One window of the answer: `{usedPercent, windowDurationMins, resetsAt}` (epoch seconds, may be null). */
function windowOf(value: unknown) {
  const w = record(value);
  if (!w) return undefined;
  const used = num(w.usedPercent);
  const minutes = num(w.windowDurationMins);
  // Without its length a window cannot be named: primary/secondary are slots, not meanings.
  if (used === null || minutes === null || minutes <= 0) return undefined;
  return planWindow(windowName(minutes), minutes, used, epochToIso(w.resetsAt));
}

/** Plan, credits and a reached limit, for people: "plan pro; credits 12.50". */
function noteOf(limits: Record<string, unknown>): string | undefined {
  const parts: string[] = [];
  if (typeof limits.planType === "string" && limits.planType) parts.push(`plan ${limits.planType}`);
  const credits = record(limits.credits);
  if (credits?.unlimited === true) parts.push("credits unlimited");
  else if (typeof credits?.balance === "string" || typeof credits?.balance === "number") parts.push(`credits ${credits.balance}`);
  else if (credits?.hasCredits === false) parts.push("no credits");
  if (typeof limits.rateLimitReachedType === "string" && limits.rateLimitReachedType) parts.push(`limit reached: ${limits.rateLimitReachedType}`);
  return parts.length > 0 ? parts.join("; ") : undefined;
}

/**
 * The `account/rateLimits/read` result the node got from `codex app-server`: the Codex bucket
 * (`rateLimitsByLimitId.codex` when the server sends buckets, else `rateLimits`), its
 * `primary` and `secondary` windows named by `windowDurationMins`. A shape it does not know is
 * unrecognised, never a guess.
 */
export function parseCodexAppServer(data: unknown): Parsed {
  const result = record(record(data)?.result);
  const limits = record(record(result?.rateLimitsByLimitId)?.codex) ?? record(result?.rateLimits);
  if (!result || !limits || !("primary" in limits || "secondary" in limits)) {
    return { unrecognised: rawOf(result ?? data), why: "no rateLimits with primary/secondary in the account/rateLimits/read answer" };
  }
  const windows = [];
  for (const slot of [limits.primary, limits.secondary]) {
    if (slot === null || slot === undefined) continue;
    const w = windowOf(slot);
    if (!w) return { unrecognised: rawOf(limits), why: "a rate-limit window without usedPercent and windowDurationMins" };
    windows.push(w);
  }
  const note = noteOf(limits);
  if (windows.length === 0) return { windows: [], note: ["codex app-server reported no rate-limit window", note].filter(Boolean).join("; ") };
  return { windows, ...(note ? { note } : {}) };
}
