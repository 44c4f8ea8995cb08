import type * as Croner from "croner";
import { lazyPackage } from "../startup/lazy-package.ts";

/*
 * croner is Oyster's one cron library: it validates expressions, gives the previous and next fire
 * times in an IANA timezone (catch-up and `next run`), and fires the jobs. Chosen over cron-parser
 * because croner has no dependencies (cron-parser pulls in luxon) and can also fire, so one
 * library covers every concern and node-cron is gone; its DST rules are Vixie cron's (a fixed-time
 * job in a spring-forward gap runs once at the first valid time after it, and once, not twice, on
 * fall-back day), and it ships a CommonJS build that `require` loads on Node 20 (engines >=18).
 * Loaded on first use so `oyster help` never pays for it; this module is its one loader.
 */
const croner = lazyPackage<typeof Croner>("croner");

// 5 fields (minute-level) or 6 (leading seconds), as the config contract allows; never 7 (years).
const MODE = "5-or-6-parts" as const;

/** A parsed expression that never fires: for previous/next fire times and validation. */
export function cronPattern(expression: string, timezone: string): Croner.Cron {
  const { Cron } = croner();
  return new Cron(expression, { timezone, mode: MODE, paused: true });
}

/** Why croner refuses `expression` (a value out of range, a bad step, ...), or undefined when it reads it. */
export function cronProblem(expression: string): string | undefined {
  try {
    // A date that never comes (30 February, 31 April) parses, and would leave its job silently
    // never run: croner finds no next fire time for it (it looks years ahead, past 29 February).
    if (cronPattern(expression, "UTC").nextRun() === null) return "it never fires: no such date";
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message.replace(/^CronPattern: /, "") : String(err);
  }
}

/** Validates a cron expression the way the scheduler will read it. */
export function isValidCron(expression: string): boolean {
  return cronProblem(expression) === undefined;
}

/**
 * Calls `fire` at each fire time of `expression` in `timezone` until stopped. No overlap guard
 * here (croner's `protect`): the scheduler refuses a run while the previous one is going, and
 * records the skip, which croner's guard would hide.
 */
export function fireOnCron(expression: string, timezone: string, fire: () => void): { stop(): void } {
  const { Cron } = croner();
  const job = new Cron(expression, { timezone, mode: MODE }, () => fire());
  return { stop: () => job.stop() };
}
