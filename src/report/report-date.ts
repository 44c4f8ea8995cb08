/**
 * The report's calendar day as YYYY-MM-DD in the operator's time zone. Only this label is local:
 * the 9 am report in Auckland runs at 20:00 UTC the day before, and should carry today's date.
 */
export function reportDate(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}
