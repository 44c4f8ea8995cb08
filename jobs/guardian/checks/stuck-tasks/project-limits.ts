import type { Config } from "../../../../src/config/index.ts";
import type { Logger } from "../../../../src/log.ts";

/**
 * Each project's `maxRunMinutes` from projects.json, else `guardian.stuckTasks.maxRunMinutes`.
 * projects.json entries are dispatch's loose objects, not validated by Oyster's schema: a value
 * that is not a positive number is ignored with a warning (once per project per run), so one
 * typo there never stops the check for the whole fleet.
 */
export function projectLimits(config: Config, log: Logger): (project: string) => number {
  const fallback = config.oyster.guardian.stuckTasks.maxRunMinutes;
  const own = new Map<string, number>();
  for (const p of config.projects) {
    if (!("maxRunMinutes" in p)) continue;
    const v = (p as Record<string, unknown>).maxRunMinutes;
    if (typeof v === "number" && Number.isFinite(v) && v > 0) own.set(p.name, v);
    else log.warn({ project: p.name, maxRunMinutes: v, using: fallback }, "projects.json: maxRunMinutes is not a positive number; ignored");
  }
  return (project) => own.get(project) ?? fallback;
}
