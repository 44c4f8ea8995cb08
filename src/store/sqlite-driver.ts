import type BetterSqlite3 from "better-sqlite3";
import { lazyPackage } from "../startup/lazy-package.ts";

export type SqliteDb = BetterSqlite3.Database;
export type SqliteOptions = BetterSqlite3.Options;

const driver = lazyPackage<typeof BetterSqlite3>("better-sqlite3");

/**
 * Opens a SQLite file with better-sqlite3, loaded on first use: a command that never touches
 * SQLite (`oyster help`) does not pay for the native module. The one loader of better-sqlite3.
 */
export function openSqlite(path: string, options?: SqliteOptions): SqliteDb {
  const Database = driver();
  return new Database(path, options);
}
