/**
 * The one way a time is shown to people, in text, Slack and email alike: "2026-11-27 08:55 UTC".
 * Minutes are enough for anything a person acts on, the date is never left to be guessed, and the
 * clock is named. JSON keeps the full ISO 8601 string. Anything that is not a time is shown as given.
 */
export function utcMinute(at: string | number | Date | null | undefined, absent = "-"): string {
  if (at === null || at === undefined) return absent;
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/**
 * The same with seconds, "2026-11-27 08:55:12 UTC", for facts that are seconds to minutes old
 * (a node not answering since, task counts as of): there the minute alone hides how fresh it is.
 */
export function utcSecond(at: string | number | Date): string {
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  return `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
