import { dirname } from "node:path";
import { openSqlite, type SqliteDb } from "./sqlite-driver.ts";
import { ensurePrivateDir, ensurePrivateFile } from "../files/private.ts";

export type Db = SqliteDb;

/**
 * Opens a SQLite file the way every Oyster process shares it: WAL (readers never block the
 * writer), a busy timeout (the CLI and the bot write the same file), foreign keys on. A new file
 * is created 0600 in a 0700 dir before SQLite opens it: SQLite gives -wal and -shm the main
 * file's mode, and would otherwise create all three from the umask (0644 under 022).
 */
export function openDb(path: string, busyTimeoutMs = 5000): Db {
  ensurePrivateDir(dirname(path));
  ensurePrivateFile(path);
  const db = openSqlite(path);
  db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  return db;
}
