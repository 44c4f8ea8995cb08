import { num, record, type Reading } from "../../providers/reading.ts";
import { planWindow, rawOf, type Parsed } from "./parsed.ts";

/** The usage endpoint's windows Oyster knows, and what it calls them. */
const KNOWN: Record<string, [name: string, minutes: number]> = {
  five_hour: ["5h", 300],
  seven_day: ["weekly", 10_080],
  seven_day_sonnet: ["weekly sonnet", 10_080],
  seven_day_opus: ["weekly opus", 10_080],
};

/** `{utilization, resets_at}`: what a window looks like, whatever its key. */
function windowShaped(value: unknown): value is { utilization: unknown; resets_at: unknown } {
  const w = record(value);
  return w !== null && "utilization" in w && "resets_at" in w;
}

/** One window, null when it holds no figure (left out: unknown, never 0%), or why it cannot be read. */
function windowOf(name: string, minutes: number | null, w: { utilization: unknown; resets_at: unknown }): Reading | null | string {
  if (w.utilization === null) return null;
  const used = num(w.utilization);
  if (used === null || typeof w.utilization !== "number") return "utilization is not a number";
  if (w.resets_at === null) return planWindow(name, minutes, used, null);
  const ms = typeof w.resets_at === "string" ? Date.parse(w.resets_at) : Number.NaN;
  if (Number.isNaN(ms)) return "resets_at is not a time";
  return planWindow(name, minutes, used, new Date(ms).toISOString());
}

/**
 * A 200 from the usage endpoint: `five_hour`, `seven_day`, `seven_day_sonnet`, `seven_day_opus`,
 * each `{utilization 0-100, resets_at ISO}` or null (left out). Other keys come and go: a null one
 * says nothing and is ignored; a non-null window under a new key is listed under that key, as
 * Anthropic names it (its length unknown: not guessed). `extra_usage` (paid overage, not a plan
 * window: it must never pause a node) becomes a note when it is on.
 */
export function usageWindows(body: unknown): Parsed {
  const b = record(body);
  if (!b) return { unrecognised: rawOf(body), why: "the usage body is not an object" };
  const windows: Reading[] = [];
  const notes: string[] = [];
  for (const [key, value] of Object.entries(b)) {
    const known = KNOWN[key];
    if (key === "extra_usage") continue;
    if (value === null || (!known && !windowShaped(value))) continue;
    if (!windowShaped(value)) return { unrecognised: rawOf(b), why: `${key} is not {utilization, resets_at}` };
    const w = windowOf(known?.[0] ?? key, known?.[1] ?? null, value);
    if (typeof w === "string") return { unrecognised: rawOf(b), why: `${key}: ${w}` };
    if (w) windows.push(known ? w : { ...w, note: "a window Oyster does not know yet, named as Anthropic names it" });
  }
  const extra = record(b.extra_usage);
  if (extra?.is_enabled === true && typeof extra.utilization === "number") notes.push(`extra usage ${Math.round(extra.utilization)}% of its monthly limit`);
  if (windows.length === 0) return { windows, note: "the usage endpoint reported no window with a figure" };
  return { windows, ...(notes.length ? { note: notes.join("; ") } : {}) };
}
