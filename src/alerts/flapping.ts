// A flapping incident: one that fails again soon after it resolved (guardian.flapMinutes). It is
// reopened rather than raised anew, and its message says so. The note is the alert's only record
// of how often that happened, so it is written and read here alone, in one fixed form at the end
// of the message.

/** The sources whose incidents reopen: the guardian's (guardian.flapMinutes is its setting). */
export const FLAP_SOURCES: readonly string[] = ["guardian"];

const NOTE_RE = /; flapping: reopened (\d+) times?, each within \d+ min of resolving$/;

/** How often the incident behind this message has been reopened (0: never). */
export function flapCount(message: string): number {
  const m = NOTE_RE.exec(message);
  return m ? Number(m[1]) : 0;
}

/** The message without its flapping note. */
export function withoutFlapNote(message: string): string {
  return message.replace(NOTE_RE, "");
}

/** `message` noted as reopened `count` times (the note replaced, never doubled); as is for 0. */
export function withFlapNote(message: string, count: number, flapMinutes: number): string {
  const bare = withoutFlapNote(message);
  if (count <= 0) return bare;
  return `${bare}; flapping: reopened ${count} ${count === 1 ? "time" : "times"}, each within ${flapMinutes} min of resolving`;
}
