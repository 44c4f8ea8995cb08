/** How far a reading moves before an open alert's message follows it. */
export const MESSAGE_STEP = 5;

const PCT = /(\d+(?:\.\d+)?)% (?:used|available)/;

/**
 * An open resource alert's message, kept as it was while the severity holds and the reading has
 * moved less than MESSAGE_STEP points: every changed message is an "updated" event (a Slack edit,
 * or a mail when Slack is down), and a disk creeping from 93% to 94% is not news.
 */
export function stableMessage(prev: { severity: string; message: string } | undefined, severity: string, next: string): string {
  if (!prev || prev.severity !== severity) return next;
  const was = PCT.exec(prev.message);
  const now = PCT.exec(next);
  if (!was || !now) return next;
  return Math.abs(Number(now[1]) - Number(was[1])) >= MESSAGE_STEP ? next : prev.message;
}
