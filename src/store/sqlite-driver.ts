import type BetterSqlite3 from "better-sqlite3";
import { lazyPackage } from "../startup/lazy-package.ts";
import { annotateSqliteError } from "./sqlite-errors.ts";

export type SqliteDb = BetterSqlite3.Database;
export type SqliteOptions = BetterSqlite3.Options;

const driver = lazyPackage<typeof BetterSqlite3>("better-sqlite3");

/**
 * Opens a SQLite file with better-sqlite3, loaded on first use: a command that never touches
 * SQLite (`oyster help`) does not pay for the native module. The one loader of better-sqlite3.
 *
 * SQLite's errors do not say which file they are about ("database is locked"), and one process
 * holds several (state.db, dispatch.db, a snapshot): every error from this connection, its
 * statements and its transactions is marked with the path (sqlite-errors.ts), so the message a
 * person reads names the file, and who holds it.
 */
export function openSqlite(path: string, options?: SqliteOptions): SqliteDb {
  const Database = driver();
  let db: SqliteDb;
  try {
    db = new Database(path, options);
  } catch (err) {
    throw annotateSqliteError(err, path);
  }
  return guarded(db, path);
}

// The three forms a transaction function takes (`txn.immediate()` begins with BEGIN IMMEDIATE).
const TXN_VARIANTS = ["deferred", "immediate", "exclusive"] as const;

/**
 * A view of a connection or statement whose methods mark what they throw. Methods run on the
 * real object (the native ones check their receiver); a method that returns its own object
 * (`stmt.pluck()`) returns the guarded view, a statement comes back guarded, a transaction
 * function and its variants are guarded, and a promise (`backup`) is marked when it rejects.
 */
function guarded<T extends object>(target: T, path: string): T {
  const view: T = new Proxy(target, {
    get(t, prop) {
      const value = Reflect.get(t, prop, t) as unknown;
      if (typeof value !== "function" || prop === "constructor") return value;
      const method = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        let result: unknown;
        try {
          result = method.apply(t, args);
        } catch (err) {
          throw annotateSqliteError(err, path);
        }
        if (result === t) return view;
        if (prop === "transaction" && typeof result === "function") return guardedTransaction(result as Txn, path);
        if (isStatement(result)) return guarded(result, path);
        if (result instanceof Promise) return result.catch((err: unknown) => Promise.reject(annotateSqliteError(err, path)));
        return result;
      };
    },
  });
  return view;
}

type Txn = ((...args: unknown[]) => unknown) & Partial<Record<(typeof TXN_VARIANTS)[number], (...args: unknown[]) => unknown>>;

function guardedTransaction(txn: Txn, path: string): Txn {
  const wrap = (fn: (...args: unknown[]) => unknown) => (...args: unknown[]) => {
    try {
      return fn(...args);
    } catch (err) {
      throw annotateSqliteError(err, path);
    }
  };
  const outer = wrap(txn) as Txn;
  for (const variant of TXN_VARIANTS) {
    const fn = txn[variant];
    if (typeof fn === "function") outer[variant] = wrap(fn);
  }
  return outer;
}

function isStatement(v: unknown): v is BetterSqlite3.Statement {
  return v !== null && typeof v === "object" && typeof (v as { run?: unknown }).run === "function" && typeof (v as { bind?: unknown }).bind === "function" && "reader" in v;
}
