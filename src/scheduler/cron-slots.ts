import { nodeCron } from "./cron-driver.ts";

type Matcher = { match(date: Date): boolean };

// One stopped node-cron task per (expression, timezone), used only for its matcher; node-cron
// keeps created tasks in a registry, so they are made once and reused rather than per call.
const matchers = new Map<string, Matcher>();

function matcher(expression: string, timezone: string): Matcher {
  const key = `${timezone}\n${expression}`;
  let m = matchers.get(key);
  if (!m) {
    m = nodeCron().createTask(expression, () => {}, { timezone });
    matchers.set(key, m);
  }
  return m;
}

const MINUTE = 60_000;
/** How far back or ahead to look for a slot: a weekly schedule plus a day. */
const HORIZON_MINUTES = 8 * 24 * 60;

/** The latest scheduled time strictly before `before` (minute resolution), or null within 8 days. */
export function previousSlot(expression: string, timezone: string, before: Date): Date | null {
  const m = matcher(expression, timezone);
  let t = Math.ceil(before.getTime() / MINUTE) * MINUTE - MINUTE;
  for (let i = 0; i < HORIZON_MINUTES; i++, t -= MINUTE) {
    const d = new Date(t);
    if (d.getTime() < before.getTime() && m.match(d)) return d;
  }
  return null;
}

/** The first scheduled time strictly after `after` (minute resolution), or null within 8 days. */
export function nextSlot(expression: string, timezone: string, after: Date): Date | null {
  const m = matcher(expression, timezone);
  let t = Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE;
  for (let i = 0; i < HORIZON_MINUTES; i++, t += MINUTE) {
    const d = new Date(t);
    if (m.match(d)) return d;
  }
  return null;
}
