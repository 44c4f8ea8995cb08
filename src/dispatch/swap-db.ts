// The two steps of restore that must write to SQLite files directly (only src/store and
// src/dispatch import better-sqlite3).
import { renameSync, rmSync } from "node:fs";
import { syncDir, syncFile } from "../files/durable.ts";
import { dirname } from "node:path";
import { openSqlite } from "../store/sqlite-driver.ts";
import { OysterError } from "../errors.ts";
import { isBusy } from "./write-lock.ts";

/**
 * Snapshots are kept in rollback-journal mode (self-contained, hashable); dispatch.db lives in
 * WAL mode (the contract). Switching the prepared copy is one header write; closing the only
 * connection checkpoints and removes its -wal and -shm, so the file alone is the database.
 */
export function convertToWal(path: string): void {
  const db = openSqlite(path, { fileMustExist: true });
  try {
    const mode = db.pragma("journal_mode = WAL", { simple: true });
    if (mode !== "wal") throw new OysterError("CommandFailed", `could not switch ${path} to WAL mode (got ${String(mode)})`);
  } finally {
    db.close();
  }
  syncFile(path);
}

/**
 * Renames `prepared` over `dbPath`, but only while no other connection has dbPath open.
 *
 * Why so careful: a process that still has dispatch.db open keeps writing to the old, unlinked
 * file (its commits vanish), and when it closes, SQLite deletes `dispatch.db-wal` by name: the
 * new database's WAL. And a -wal left beside the new file would be replayed into it: corruption.
 * So: switching the old file out of WAL needs an exclusive lock, which SQLite grants only when
 * no other connection has the database open (in WAL mode every open connection holds a shared
 * lock); the switch checkpoints and deletes the -wal and -shm itself. BEGIN EXCLUSIVE then keeps
 * new readers out while the rename happens, and any journal files still there are removed under
 * that lock. A busy answer at either step is a refusal: nothing is replaced.
 * What remains: a process that opens dispatch.db in the milliseconds between the lock and the
 * rename waits on our lock, then reads the old file. Restore is meant for a stopped dispatch;
 * the /proc check and the running-tasks check before this make that the normal case.
 */
export function replaceDb(dbPath: string, prepared: string): void {
  const db = openSqlite(dbPath, { fileMustExist: true });
  let wasWal = false;
  let swapped = false;
  try {
    db.pragma("busy_timeout = 0");
    wasWal = db.pragma("journal_mode", { simple: true }) === "wal";
    exclusively(dbPath, () => {
      if (wasWal && db.pragma("journal_mode = DELETE", { simple: true }) !== "delete") throw new OysterError("CommandFailed", "could not leave WAL mode");
      db.exec("BEGIN EXCLUSIVE");
    });
    for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(`${dbPath}${suffix}`, { force: true });
    renameSync(prepared, dbPath);
    swapped = true;
    syncDir(dirname(dbPath));
  } finally {
    if (db.inTransaction) db.exec("ROLLBACK");
    // Not replaced: give the old file back its WAL mode. Replaced: the connection is on the old,
    // unlinked file in rollback mode, so closing it cannot touch the new file's -wal.
    if (wasWal && !swapped) {
      try {
        db.pragma("journal_mode = WAL");
      } catch {
        // dispatch's next open (or the guardian) switches it back; the data is untouched
      }
    }
    db.close();
  }
}

function exclusively(dbPath: string, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    if (!isBusy(err)) throw err;
    throw new OysterError("CommandFailed", `${dbPath} is open in another connection (dispatch running?): stop dispatch, then restore; nothing was replaced`, { reason: "open" }, { cause: err });
  }
}
