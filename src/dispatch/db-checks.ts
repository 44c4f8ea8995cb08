import type { SqliteDb } from "../store/sqlite-driver.ts";

/** integrity_check's complaints; [] when the database is whole. */
export function integrityProblems(db: SqliteDb): string[] {
  const rows = (db.pragma("integrity_check") as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  return rows.length === 1 && rows[0] === "ok" ? [] : rows;
}

/** Row count per table (SQLite's own tables left out). */
export function countRows(db: SqliteDb): Record<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM "${t.replaceAll('"', '""')}"`).pluck().get() as number]));
}
