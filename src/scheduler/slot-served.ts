import type { Store } from "../store/index.ts";
import { previousSlot } from "./cron-slots.ts";

/**
 * The slot a cron fire at `now` stands for (its latest fire time at or before now) when a run of
 * the job already started at or after it; null when the slot is still to be served. Two things
 * make croner fire for a slot that was served: the wall clock set back past a slot that ran (an
 * NTP correction: croner aims at the slot again), and a wake from sleep, where croner's pending
 * timer fires late for the slot the catch-up has just run. A daily job must still run once.
 */
export function servedSlot(store: Store, job: string, cron: string, timezone: string, now: Date): Date | null {
  const slot = previousSlot(cron, timezone, new Date(now.getTime() + 1));
  if (slot === null) return null;
  // Newest first, by insertion: a run recorded after the clock went back still counts.
  const ran = store.jobRuns.recent(job, 10).some((r) => r.outcome !== "skipped" && Date.parse(r.startedAt) >= slot.getTime());
  return ran ? slot : null;
}
