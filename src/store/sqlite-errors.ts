import { basename, dirname } from "node:path";
import { AS_OYSTER_ERROR, OysterError } from "../errors.ts";
import { dataDirSpace } from "../files/data-dir-space.ts";
import { describeHolders, fileHolders } from "./lock-holders.ts";

/** The database file a SQLite error came from (set by openSqlite's guard). */
const FILE = Symbol.for("oyster.sqliteFile");

/** SQLite's result code on an error from better-sqlite3 (`SQLITE_BUSY`, `SQLITE_FULL`, ...). */
export function sqliteCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_") ? code : undefined;
}

/** The file an annotated SQLite error came from. */
export function sqliteFileOf(err: unknown): string | undefined {
  return err !== null && typeof err === "object" ? (err as { [FILE]?: string })[FILE] : undefined;
}

/**
 * Marks a SQLite error with the file it came from: the message gains the path (so even a raw log
 * line of it says which database), and toOysterError can turn it into a typed error that names
 * the file. The error stays what it was otherwise (class, `code`): retry loops that test for
 * SQLITE_BUSY keep working. The innermost call wins; anything that is not a SQLite error passes.
 */
export function annotateSqliteError(err: unknown, path: string): unknown {
  const code = sqliteCode(err);
  if (!code || !(err instanceof Error) || sqliteFileOf(err) !== undefined) return err;
  Object.defineProperty(err, FILE, { value: path, enumerable: false });
  Object.defineProperty(err, AS_OYSTER_ERROR, { value: () => sqliteFailure(code, path, err), enumerable: false });
  if (!err.message.includes(path)) err.message = `${err.message} (${path})`;
  return err;
}

/**
 * What a SQLite failure means for the person reading it, with the file named. Undefined for codes
 * that are Oyster's own bugs (a constraint, a misuse): those stay Internal, stack and all.
 */
export function sqliteFailure(code: string, path: string, cause: Error): OysterError | undefined {
  const name = basename(path);
  const raw = cause.message.replace(` (${path})`, "");
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    const holders = fileHolders(path);
    const locked = holders.filter((h) => h.how === "lock");
    const who = locked.length > 0
      ? `locked by ${describeHolders(locked)}`
      : holders.length > 0
        ? `locked by another process (open in ${describeHolders(holders)})`
        : "locked by another process";
    return new OysterError(
      "Busy",
      `${name} is busy: ${path} is ${who} and stayed locked longer than the busy timeout; try again once it lets go`,
      { file: path, pids: (locked.length > 0 ? locked : holders).map((h) => h.pid), sqlite: code },
      { cause },
    );
  }
  // SQLite says "disk I/O error" or "unable to open" when it cannot even create its -wal or -shm
  // file on a full disk: the free space tells those apart from a real I/O fault.
  const outOfSpace = code.startsWith("SQLITE_FULL") || ((code.startsWith("SQLITE_IOERR") || code.startsWith("SQLITE_CANTOPEN")) && dataDirSpace(dirname(path)).full);
  if (outOfSpace) {
    return new OysterError("DiskFull", `${name} cannot be written: the disk holding ${dirname(path)} is full; free some space there and try again`, { file: path, sqlite: code }, { cause });
  }
  if (code.startsWith("SQLITE_READONLY")) {
    return new OysterError("CommandFailed", `${name} cannot be written: ${path} is read-only for this process (${raw})`, { file: path, sqlite: code }, { cause });
  }
  if (code.startsWith("SQLITE_CORRUPT") || code.startsWith("SQLITE_NOTADB")) {
    return new OysterError("CommandFailed", `${path} is damaged or not a SQLite database (${raw}); restore it from a backup`, { file: path, sqlite: code }, { cause });
  }
  if (code.startsWith("SQLITE_CANTOPEN")) {
    return new OysterError("CommandFailed", `cannot open ${path} (${raw}): check that its directory exists and this user may write there`, { file: path, sqlite: code }, { cause });
  }
  if (code.startsWith("SQLITE_IOERR")) {
    return new OysterError("CommandFailed", `I/O error on ${path} (${raw})`, { file: path, sqlite: code }, { cause });
  }
  return undefined;
}
