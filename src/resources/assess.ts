import { availableWhy, levelForAvailable, levelForUsed, usedWhy, type Level } from "./decide.ts";
import { diskText, inodesText, memoryText } from "./format.ts";
import type { ResourceCheck, ResourceReading, ResourceThresholds } from "./types.ts";

/** One resource of one node, judged. */
export interface Assessment {
  check: ResourceCheck;
  level: Level;
  /** The reading as the alert says it after "<node>: ": "disk / 93% used (46.5 of 50 GiB)". */
  reading: string;
  /** Why this level: the lines, or the hysteresis that keeps an alert open. */
  why: string;
  /**
   * Disks and inode tables fill over hours: a reading over the line is no blip, so it alerts at
   * once. Free memory swings with every build, so it waits guardian.alertAfter runs like a check.
   */
  alertAtOnce: boolean;
}

/** A resource that could not be judged this time, and why (no alert: a missing reading is not a finding). */
export interface Unjudged {
  check: ResourceCheck;
  detail: string;
}

/**
 * Every resource of a node's reading against the thresholds. `levelNow` is the level the
 * (check)'s open alert holds ("ok" without one), for the hysteresis.
 */
export function assessResources(reading: ResourceReading, t: ResourceThresholds, levelNow: (check: ResourceCheck) => Level): { assessments: Assessment[]; unjudged: Unjudged[] } {
  const assessments: Assessment[] = [];
  const unjudged: Unjudged[] = [];
  if (!reading.filesystems) {
    // Not knowing a node's disks is worth saying, but as a warning that waits alertAfter runs.
    assessments.push({ check: "disk", level: "warning", reading: reading.diskError ?? "disk use could not be read", why: "no automatic fix", alertAtOnce: false });
  }
  for (const fs of reading.filesystems ?? []) {
    const check = `disk:${fs.mount}` as const;
    const level = levelForUsed(fs.usedPercent, t.disk, levelNow(check));
    assessments.push({ check, level, reading: diskText(fs), why: usedWhy(level, fs.usedPercent, t.disk), alertAtOnce: true });
  }
  for (const fs of reading.filesystems ?? []) {
    const pct = fs.inodesUsedPercent;
    if (pct === null) continue;
    const check = `inodes:${fs.mount}` as const;
    const level = levelForUsed(pct, t.inodes, levelNow(check));
    assessments.push({ check, level, reading: inodesText({ ...fs, inodesUsedPercent: pct }), why: usedWhy(level, pct, t.inodes), alertAtOnce: true });
  }
  if (reading.filesystems && reading.inodesNote) unjudged.push({ check: "inodes", detail: reading.inodesNote });
  if (reading.memory) {
    const level = levelForAvailable(reading.memory.availablePercent, t.memory, levelNow("memory"));
    assessments.push({ check: "memory", level, reading: memoryText(reading.memory), why: availableWhy(level, reading.memory.availablePercent, t.memory), alertAtOnce: false });
  } else {
    unjudged.push({ check: "memory", detail: reading.memoryNote ?? "memory unknown" });
  }
  return { assessments, unjudged };
}

/** Filesystem checks (`disk`, `disk:*`, `inodes:*`): what a reading of a node's disks settles. */
export function isFilesystemCheck(check: string): boolean {
  return check === "disk" || check.startsWith("disk:") || check.startsWith("inodes:");
}
