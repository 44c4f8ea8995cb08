/** What retention needs to know about a recorded snapshot. */
export interface RetentionItem {
  file: string;
  kind: string;
  takenAt: string;
  verdict: string;
}

export interface RetentionPlan {
  /** Files to delete (file and row), oldest first. */
  prune: string[];
  /** Files kept past their age, with the reason (for the log). */
  heldBack: Array<{ file: string; reason: "newest verified" | "weekly" }>;
}

/**
 * Weekly keep: besides the last `backup_retention_days` of dailies, the newest verified daily of
 * each of the 4 most recent ISO weeks (Monday to Sunday, UTC; the current week counts as one) is
 * kept, so with the default 7 days there is still a copy from about 3-4 weeks ago when a problem
 * is noticed late. Four weeks costs at most 3 extra copies of dispatch.db on disk.
 */
export const KEEP_WEEKS = 4;

const DAY_MS = 86_400_000;

/** Days since the epoch of the UTC date of `ms`. */
const utcDay = (ms: number): number => Math.floor(ms / DAY_MS);

/** Midnight UTC of the Monday that starts `at`'s ISO week. */
function weekStart(at: Date): number {
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const sinceMonday = (at.getUTCDay() + 6) % 7;
  return midnight - sinceMonday * DAY_MS;
}

/**
 * Which snapshots to delete: a pure function of the ledger, the time and the settings, so the
 * rules are tested with a fake `now`. Age is counted in UTC calendar days, not in milliseconds:
 * with 7 days, today's copy and those of the 6 days before stay. By milliseconds, last week's copy would
 * be kept or pruned by a few ms of scheduling jitter (7 or 8 copies from one day to the next).
 * - daily: older than `retentionDays` goes, except the newest verified daily (whatever its age:
 *   when backups have failed for weeks the last good one is all there is) and the weekly keepers.
 * - safety (taken by restore): older than `retentionDays` goes; they are undo points, not backups.
 * - any other kind is not this policy's to delete.
 */
export function planRetention(snapshots: readonly RetentionItem[], now: Date, retentionDays: number, keepWeeks = KEEP_WEEKS): RetentionPlan {
  const today = utcDay(now.getTime());
  const time = (s: RetentionItem) => Date.parse(s.takenAt);
  const newestFirst = [...snapshots].sort((a, b) => time(b) - time(a) || b.file.localeCompare(a.file));
  const verifiedDailies = newestFirst.filter((s) => s.kind === "daily" && s.verdict === "ok");

  const held = new Map<string, "newest verified" | "weekly">();
  if (verifiedDailies[0]) held.set(verifiedDailies[0].file, "newest verified");
  const firstWeek = weekStart(now) - (keepWeeks - 1) * 7 * DAY_MS;
  const weeksSeen = new Set<number>();
  for (const s of verifiedDailies) {
    const week = weekStart(new Date(time(s)));
    if (week < firstWeek || weeksSeen.has(week)) continue;
    weeksSeen.add(week);
    if (!held.has(s.file)) held.set(s.file, "weekly");
  }

  const prune: string[] = [];
  const heldBack: RetentionPlan["heldBack"] = [];
  for (const s of [...newestFirst].reverse()) {
    if (s.kind !== "daily" && s.kind !== "safety") continue;
    // An unreadable time is treated as old: it cannot be shown to be within the window.
    const old = !(today - utcDay(time(s)) < retentionDays);
    if (!old) continue;
    const reason = s.kind === "daily" ? held.get(s.file) : undefined;
    if (reason) heldBack.push({ file: s.file, reason });
    else prune.push(s.file);
  }
  return { prune, heldBack };
}
