import { epochToIso, num, record } from "../../providers/reading.ts";
import { planWindow, rawOf, type Parsed } from "./parsed.ts";

/** Claude Code's status-line windows: the keys it passes, and what Oyster calls them. */
const WINDOWS: Array<[key: string, name: string, minutes: number]> = [
  ["five_hour", "5h", 300],
  ["seven_day", "weekly", 10_080],
];

/**
 * The feed the hook writes: `rate_limits.{five_hour,seven_day}.{used_percentage, resets_at}`
 * (epoch seconds). A window Claude Code did not pass is left out: unknown, never 0%.
 */
export function parseClaudeFeed(data: unknown): Parsed {
  const feed = record(record(data)?.feed);
  if (!feed || feed.version !== 1) return { unrecognised: rawOf(data), why: "not an Oyster feed (version 1)" };
  const limits = feed.rate_limits;
  if (limits === null || limits === undefined) return { windows: [], note: "no rate limits passed yet (Claude Code sends them to subscribers after a session's first answer)" };
  const rl = record(limits);
  if (!rl) return { unrecognised: rawOf(feed), why: "rate_limits is not an object" };
  const windows = [];
  for (const [key, name, minutes] of WINDOWS) {
    const w = record(rl[key]);
    if (!w) continue;
    const used = num(w.used_percentage);
    if (used === null) return { unrecognised: rawOf(feed), why: `${key} without used_percentage` };
    windows.push(planWindow(name, minutes, used, epochToIso(w.resets_at)));
  }
  return { windows };
}
