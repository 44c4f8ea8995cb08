import { cronPattern } from "./cron-driver.ts";

/*
 * Fire times come from croner's own arithmetic, not from scanning minutes, so a monthly or yearly
 * schedule has a previous and a next slot like any other, and DST days follow the same rules the
 * scheduler fires by.
 */

/** The latest fire time strictly before `before`, or null when the expression never fired. */
export function previousSlot(expression: string, timezone: string, before: Date): Date | null {
  return cronPattern(expression, timezone).previousRuns(1, before)[0] ?? null;
}

/** The first fire time strictly after `after`, or null when the expression never fires again. */
export function nextSlot(expression: string, timezone: string, after: Date): Date | null {
  return cronPattern(expression, timezone).nextRun(after);
}
