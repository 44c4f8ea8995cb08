import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

export type Db = Database.Database;

/**
 * Opens a SQLite file the way every Oyster process shares it: WAL (readers never block the
 * writer), a busy timeout (the CLI and the bot write the same file), foreign keys on.
 */
export function openDb(path: string, busyTimeoutMs = 5000): Db {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  return db;
}
