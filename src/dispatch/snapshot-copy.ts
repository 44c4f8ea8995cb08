// Runs inside the SQLite worker (sqlite-worker.ts): everything here blocks its thread for as long
// as the database is big. Why one step of all pages, and why a worker: see snapshot.ts.
import { statSync } from "node:fs";
import { OysterError, toOysterError } from "../errors.ts";
import { ensurePrivateFile, makePrivate } from "../files/private.ts";
import { openSqlite } from "../store/sqlite-driver.ts";
import { countRows, integrityProblems } from "./db-checks.ts";
import { syncFile } from "../files/durable.ts";
import { sha256FileChunked } from "../files/sha256.ts";
import type { CheckedCopy } from "./sqlite-worker-protocol.ts";

/** better-sqlite3's largest step: "all of the pages, however many there are by then". */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies `src` to `tmp` (which must not hold anything worth keeping), makes the copy
 * self-contained, checks, fsyncs and hashes it. Leaves `tmp` behind on failure: the caller,
 * which outlives a crashed worker, removes it.
 */
export async function copyAndCheck(src: string, tmp: string): Promise<CheckedCopy> {
  try {
    await copyAllPages(src, tmp);
    const rows = checkCopy(tmp);
    syncFile(tmp);
    const sha256 = await sha256FileChunked(tmp);
    return { bytes: statSync(tmp).size, sha256, rows };
  } catch (err) {
    if (err instanceof OysterError) throw err;
    // A locked source, a full disk, a damaged file: SQLite's errors already say which file and why.
    const known = toOysterError(err);
    if (known.code !== "Internal") throw known;
    throw new OysterError("CommandFailed", `snapshot of ${src} failed: ${(err as Error).message}`, { src });
  }
}

async function copyAllPages(srcPath: string, tmp: string): Promise<void> {
  // SQLite creates the copy from the umask; an empty 0600 file made first is one it keeps (an
  // empty file is an empty database), and the chmod after covers a backup that replaced it.
  ensurePrivateFile(tmp);
  const src = openSqlite(srcPath, { readonly: true, fileMustExist: true });
  try {
    src.pragma("busy_timeout = 5000");
    await src.backup(tmp, { progress: () => ALL_PAGES });
  } finally {
    src.close();
  }
  makePrivate(tmp);
}

/**
 * Makes the copy self-contained (rollback journal: no -wal or -shm needed to read it, and the
 * bytes hashed are all of it), then checks it. Returns row counts per table.
 */
function checkCopy(tmp: string): Record<string, number> {
  const db = openSqlite(tmp, { fileMustExist: true });
  try {
    db.pragma("journal_mode = DELETE");
    const problems = integrityProblems(db);
    if (problems.length > 0) {
      throw new OysterError("CommandFailed", `snapshot copy failed integrity_check (source may be damaged): ${problems.slice(0, 5).join("; ")}`, { problems });
    }
    return countRows(db);
  } finally {
    db.close();
  }
}
