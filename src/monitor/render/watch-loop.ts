import type { QuotaReport } from "./quota-report.ts";
import { quotaText } from "./quota-text.ts";
import { utcMinute } from "../../render/utc-time.ts";
import { abortableSleep } from "../../async/sleep.ts";
import { terminalText } from "../../render/terminal-text.ts";

export interface WatchDeps {
  /** One live check (`liveQuota`). */
  check: () => Promise<QuotaReport>;
  out: { write(s: string): unknown; isTTY?: boolean };
  intervalMs: number;
  /** Aborted by Ctrl-C: the loop stops at once, even mid-check or mid-wait. */
  signal: AbortSignal;
  now?: () => Date;
}

// Clear the screen and go home, as `watch(1)` does; a pipe gets the tables one after another.
const CLEAR = "\x1b[2J\x1b[H";

function aborted(signal: AbortSignal): Promise<"aborted"> {
  return new Promise((resolve) => (signal.aborted ? resolve("aborted") : signal.addEventListener("abort", () => resolve("aborted"), { once: true })));
}

/** `quota watch`: a fresh table every interval until aborted; returns how many rounds it drew. */
export async function watchQuota(deps: WatchDeps): Promise<number> {
  const now = deps.now ?? (() => new Date());
  let rounds = 0;
  while (!deps.signal.aborted) {
    const report = await Promise.race([deps.check(), aborted(deps.signal)]);
    if (report === "aborted") break;
    rounds += 1;
    const head = `quota every ${deps.intervalMs / 1000}s, ${utcMinute(now())} (Ctrl-C to stop)`;
    // Oyster's own CLEAR goes on after the report's text (provider errors included) is made safe.
    deps.out.write(`${deps.out.isTTY ? CLEAR : rounds > 1 ? "\n" : ""}${terminalText(`${head}\n${quotaText(report)}`)}\n`);
    await abortableSleep(deps.intervalMs, deps.signal);
  }
  return rounds;
}
