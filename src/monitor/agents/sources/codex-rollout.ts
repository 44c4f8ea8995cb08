import { epochToIso, num, record } from "../../providers/reading.ts";
import { planWindow, rawOf, type Parsed } from "./parsed.ts";
import { windowName } from "./window-name.ts";

/**
 * One rate-limit window of a rollout line: `used_percent`, `window_minutes`, and `resets_at`
 * (epoch seconds) or, from older CLIs, `resets_in_seconds` counted from the line's timestamp.
 */
function windowOf(value: unknown, lineAt: number | null) {
  const w = record(value);
  if (!w) return null;
  const used = num(w.used_percent);
  const minutes = num(w.window_minutes);
  if (used === null || minutes === null || minutes <= 0) return undefined;
  const relative = num(w.resets_in_seconds);
  const resetsAt = epochToIso(w.resets_at) ?? (relative !== null && lineAt !== null ? new Date(lineAt + relative * 1000).toISOString() : null);
  return planWindow(windowName(minutes), minutes, used, resetsAt);
}

/** The `token_count` line the node picked (newest with windows, limit_id absent or `codex`), as windows. */
export function parseCodexRollout(data: unknown): Parsed {
  const line = record(record(data)?.line);
  const limits = record(record(line?.payload)?.rate_limits);
  if (!line || !limits) return { unrecognised: rawOf(data), why: "not a token_count event with rate_limits" };
  const at = typeof line.timestamp === "string" ? Date.parse(line.timestamp) : Number.NaN;
  const lineAt = Number.isNaN(at) ? null : at;
  const windows = [];
  for (const slot of [limits.primary, limits.secondary]) {
    if (slot === null || slot === undefined) continue;
    const w = windowOf(slot, lineAt);
    if (!w) return { unrecognised: rawOf(line), why: "a rate-limit window without used_percent and window_minutes" };
    windows.push(w);
  }
  if (windows.length === 0) return { unrecognised: rawOf(line), why: "no window in rate_limits" };
  const plan = typeof limits.plan_type === "string" && limits.plan_type ? `plan ${limits.plan_type}` : undefined;
  return { windows, ...(plan ? { note: plan } : {}) };
}

/** When the line was written (its `timestamp`), or null when it carries none. */
export function codexReadingAt(data: unknown): string | null {
  const ts = record(record(data)?.line)?.timestamp;
  const ms = typeof ts === "string" ? Date.parse(ts) : Number.NaN;
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
