import { existsSync, statSync } from "node:fs";
import { openSqlite, type SqliteDb } from "../store/sqlite-driver.ts";
import type { Config } from "../config/index.ts";

/** An open dispatch.db handle, for code outside src/dispatch that reads through these helpers. */
export type DispatchDb = SqliteDb;

export type DispatchLocation =
  | { state: "not-configured"; dir: string; reason: string }
  | { state: "no-db"; dir: string; db: string }
  | { state: "ok"; dir: string; db: string };

/** Where dispatch lives and whether it is there. Oyster never creates `dispatch.dir` itself. */
export function locateDispatch(config: Config): DispatchLocation {
  const { dir, db } = config.oyster.dispatch;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return { state: "not-configured", dir, reason: `dispatch.dir ${dir} does not exist (set dispatch.dir in oyster.json)` };
  }
  if (!existsSync(db)) return { state: "no-db", dir, db };
  return { state: "ok", dir, db };
}

/** Opens dispatch.db for reading only; status and reports never write to dispatch's database. */
export function openDispatchReadOnly(path: string, busyTimeoutMs = 2000): SqliteDb {
  const db = openSqlite(path, { readonly: true, fileMustExist: true });
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  return db;
}

export function tableNames(db: SqliteDb): Set<string> {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
  return new Set(rows.map((r) => r.name));
}
