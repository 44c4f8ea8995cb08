import type { Db } from "../store/open-db.ts";
import type { DispatchCounts } from "./summary.ts";

/** A full reading of dispatch.db (task counts and node states), as kept in state.db. */
export type CountsReading = Extract<DispatchCounts, { tasks: Record<string, number> }>;

export interface CachedCounts {
  readAt: Date;
  counts: CountsReading;
}

/** Keeps the latest reading of the database at `dbPath` (state.db's `dispatch_counts`). */
export function saveCounts(db: Db, dbPath: string, counts: CountsReading, readAt: Date): void {
  const kept: CountsReading = { tasks: counts.tasks, ...(counts.nodes ? { nodes: counts.nodes } : {}) };
  db.prepare("INSERT INTO dispatch_counts (db, read_at, counts) VALUES (?, ?, ?) ON CONFLICT(db) DO UPDATE SET read_at = excluded.read_at, counts = excluded.counts")
    .run(dbPath, readAt.toISOString(), JSON.stringify(kept));
}

/** The latest reading kept for `dbPath`, whatever its age (the caller judges that). */
export function loadCounts(db: Db, dbPath: string): CachedCounts | undefined {
  const row = db.prepare("SELECT read_at, counts FROM dispatch_counts WHERE db = ?").get(dbPath) as { read_at: string; counts: string } | undefined;
  if (!row) return undefined;
  return { readAt: new Date(row.read_at), counts: JSON.parse(row.counts) as CountsReading };
}
