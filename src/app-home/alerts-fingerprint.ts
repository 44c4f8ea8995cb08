import type { Db } from "../store/index.ts";

/**
 * The open alerts as one short string (id, status, severity, who acked, snoozed until): it changes
 * exactly when the Home's alert list would. Reading it is one small query over unresolved rows.
 */
export function alertsFingerprint(db: Db): string {
  const row = db
    .prepare(
      `SELECT COUNT(*) AS n, group_concat(id || ':' || status || ':' || severity || ':' || COALESCE(ack_by, '') || ':' || COALESCE(snooze_until, ''), ',') AS f
       FROM (SELECT * FROM alerts WHERE status != 'resolved' ORDER BY seq)`,
    )
    .get() as { n: number; f: string | null };
  return `${row.n}|${row.f ?? ""}`;
}
