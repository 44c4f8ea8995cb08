/**
 * A subscription window's name from its length, never from its position: on some plans Codex's
 * "primary" is the weekly one. 300 min is "5h", 10080 "weekly"; others as hours, days or minutes.
 */
export function windowName(minutes: number): string {
  if (minutes === 10_080) return "weekly";
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}
