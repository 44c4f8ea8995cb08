import type { Db } from "./open-db.ts";

const KEEP_DAYS = 8;

/** One sample per node per guardian run, for uptime over the last 24 h. */
export function recordAvailability(db: Db, samples: Array<{ node: string; up: boolean }>, now: Date): void {
  const insert = db.prepare("INSERT INTO availability (node, at, up) VALUES (?, ?, ?)");
  const cutoff = new Date(now.getTime() - KEEP_DAYS * 86_400_000).toISOString();
  db.transaction(() => {
    for (const s of samples) insert.run(s.node, now.toISOString(), s.up ? 1 : 0);
    db.prepare("DELETE FROM availability WHERE at < ?").run(cutoff);
  })();
}

/** Share of samples that were up since `since` (null when there are none). */
export function uptimeShare(db: Db, node: string, since: Date): number | null {
  const row = db.prepare("SELECT COUNT(*) AS n, SUM(up) AS up FROM availability WHERE node = ? AND at >= ?").get(node, since.toISOString()) as { n: number; up: number | null };
  return row.n === 0 ? null : (row.up ?? 0) / row.n;
}
