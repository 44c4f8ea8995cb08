import type { JobSchedule } from "../scheduler.ts";
import { previousSlot } from "./cron-slots.ts";

export interface RunHistory {
  /** When the job last ran at all (any outcome); undefined = it has never run. */
  lastRunAt?: Date;
  lastSuccessAt?: Date;
}

/**
 * Whether a job missed its schedule (the controller slept, or the bot was down) and should run
 * once now. A job that has never run is not missed: it waits for its first scheduled time, so a
 * fresh install takes no backup and sends no report at start. A slot in the current minute is
 * left to the scheduler itself.
 */
export function isMissed(schedule: JobSchedule, history: RunHistory, now: Date, timezone: string): boolean {
  if (!history.lastRunAt) return false;
  const last = history.lastSuccessAt?.getTime() ?? -Infinity;
  if ("everySeconds" in schedule) return now.getTime() - last > schedule.everySeconds * 1000;
  const currentMinute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const slot = previousSlot(schedule.cron, timezone, currentMinute);
  return slot !== null && slot.getTime() > last;
}
