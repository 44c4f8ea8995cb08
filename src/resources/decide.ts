/**
 * Whether a reading is over a line, as pure functions of (reading, thresholds, the level its
 * alert holds now), so flapping is tested with made-up numbers. Hysteresis: an open alert stays
 * open (and a critical one critical) until the reading is HYSTERESIS_POINTS clear of the line
 * that raised it, so a disk hovering at 85% does not raise and resolve every run.
 */
export type Level = "ok" | "warning" | "critical";

export const HYSTERESIS_POINTS = 2;

/** Used % (disk, inodes): worse when higher; at or over the level counts. */
export function levelForUsed(used: number, [warning, critical]: readonly [number, number], now: Level, h = HYSTERESIS_POINTS): Level {
  if (used >= critical || (now === "critical" && used >= critical - h)) return "critical";
  if (used >= warning || (now !== "ok" && used >= warning - h)) return "warning";
  return "ok";
}

/** Available % (memory): worse when lower; strictly below the level counts. */
export function levelForAvailable(available: number, [warning, critical]: readonly [number, number], now: Level, h = HYSTERESIS_POINTS): Level {
  if (available < critical || (now === "critical" && available <= critical + h)) return "critical";
  if (available < warning || (now !== "ok" && available <= warning + h)) return "warning";
  return "ok";
}

/** Why a used % sits at its level, for the check's detail. */
export function usedWhy(level: Level, used: number, [warning, critical]: readonly [number, number], h = HYSTERESIS_POINTS): string {
  if (level === "critical") return used >= critical ? `critical from ${critical}%` : `still critical until below ${critical - h}%`;
  if (level === "warning") return used >= warning ? `warning from ${warning}%, critical from ${critical}%` : `still open until below ${warning - h}%`;
  return `warning from ${warning}%`;
}

/** Why an available % sits at its level, for the check's detail. */
export function availableWhy(level: Level, available: number, [warning, critical]: readonly [number, number], h = HYSTERESIS_POINTS): string {
  if (level === "critical") return available < critical ? `critical below ${critical}%` : `still critical until above ${critical + h}%`;
  if (level === "warning") return available < warning ? `warning below ${warning}%, critical below ${critical}%` : `still open until above ${warning + h}%`;
  return `warning below ${warning}%`;
}
