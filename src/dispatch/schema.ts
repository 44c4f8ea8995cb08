import { existsSync } from "node:fs";
import { openSqlite, type SqliteDb } from "../store/sqlite-driver.ts";

/** 1 = the "old" schema (tasks without attempts/error, no nodes table), 2 = the contract's schema. */
export const DISPATCH_SCHEMA_VERSION = 2;

export type SchemaState =
  | { kind: "missing" }
  | { kind: "current"; version: number }
  | { kind: "outdated"; version: number; missing: string[] }
  | { kind: "unrecognised"; problems: string[] };

/** One column as `PRAGMA table_info` describes it (type upper-cased, default as SQL text). */
export interface ColumnSpec {
  name: string;
  type: string;
  notnull: 0 | 1;
  dflt_value: string | null;
  pk: number;
}

const col = (name: string, type: string, notnull: 0 | 1, pk = 0, dflt_value: string | null = null): ColumnSpec => ({ name, type, notnull, dflt_value, pk });

// The contract's tables, column by column (design.md, "dispatch.db, as Oyster expects it").
// `addable` columns are the ones the old schema lacks and Oyster adds with ALTER TABLE.
export const CONTRACT_TABLES = {
  tasks: [
    col("id", "INTEGER", 0, 1),
    col("project", "TEXT", 1),
    col("node", "TEXT", 0),
    col("status", "TEXT", 1),
    col("created_at", "TEXT", 1),
    col("started_at", "TEXT", 0),
    col("finished_at", "TEXT", 0),
    col("attempts", "INTEGER", 1, 0, "0"),
    col("error", "TEXT", 0),
  ],
  nodes: [col("name", "TEXT", 0, 1), col("state", "TEXT", 1), col("updated_at", "TEXT", 1)],
  oyster_schema: [col("version", "INTEGER", 0), col("applied_at", "TEXT", 0)],
} satisfies Record<string, ColumnSpec[]>;

export const ADDABLE_TASK_COLUMNS = ["attempts", "error"] as const;

/** The contract's DDL, used to create a fresh database and the tables an old one lacks. */
export const CREATE_SQL = {
  tasks: `CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  project TEXT NOT NULL,
  node TEXT,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  started_at TEXT, finished_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT
)`,
  nodes: `CREATE TABLE nodes (
  name TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  updated_at TEXT NOT NULL
)`,
  oyster_schema: "CREATE TABLE oyster_schema (version INTEGER, applied_at TEXT)",
  addColumn: {
    attempts: "ALTER TABLE tasks ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0",
    error: "ALTER TABLE tasks ADD COLUMN error TEXT",
  },
} as const;

/** Reads dispatch.db's schema without writing to it (read-only connection). */
export function inspectDispatchSchema(dbPath: string): SchemaState {
  if (!existsSync(dbPath)) return { kind: "missing" };
  let db: SqliteDb | undefined;
  try {
    db = openSqlite(dbPath, { readonly: true, fileMustExist: true });
    db.pragma("busy_timeout = 5000");
    return inspectOpenDb(db);
  } catch (err) {
    // Not a database at all (or unreadable): nothing Oyster should try to fix.
    return { kind: "unrecognised", problems: [`cannot read ${dbPath} as SQLite: ${(err as Error).message}`] };
  } finally {
    db?.close();
  }
}

/**
 * The same judgement on an open connection: migrate re-runs it inside its write transaction, so
 * it acts on what is there once it holds the lock, not on what was there before.
 */
export function inspectOpenDb(db: SqliteDb): SchemaState {
  const problems: string[] = [];
  const missing: string[] = [];
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name));
  if (!tables.has("tasks")) return { kind: "unrecognised", problems: ["no tasks table"] };

  for (const [table, specs] of Object.entries(CONTRACT_TABLES)) {
    if (!tables.has(table)) {
      missing.push(table);
      continue;
    }
    const actual = new Map((db.pragma(`table_info(${table})`) as ColumnSpec[]).map((c) => [c.name, c]));
    for (const want of specs) {
      const have = actual.get(want.name);
      if (!have) {
        // Only the two columns the old schema lacks can be added; anything else missing means
        // this is not a dispatch database we know.
        if (table === "tasks" && (ADDABLE_TASK_COLUMNS as readonly string[]).includes(want.name)) missing.push(`tasks.${want.name}`);
        else problems.push(`${table}.${want.name} is missing`);
        continue;
      }
      problems.push(...columnConflicts(table, want, have));
    }
  }

  let version = 1;
  if (tables.has("oyster_schema") && problems.length === 0) {
    const row = db.prepare("SELECT MAX(version) AS v FROM oyster_schema").get() as { v: number | null };
    if (row.v !== null && row.v > DISPATCH_SCHEMA_VERSION) problems.push(`oyster_schema says version ${row.v}, newer than this Oyster knows (${DISPATCH_SCHEMA_VERSION})`);
    else if (row.v === null || row.v < DISPATCH_SCHEMA_VERSION) missing.push(`oyster_schema.version ${DISPATCH_SCHEMA_VERSION}`);
    if (row.v !== null) version = row.v;
  }

  if (problems.length > 0) return { kind: "unrecognised", problems };
  if (missing.length > 0) return { kind: "outdated", version, missing };
  return { kind: "current", version };
}

function columnConflicts(table: string, want: ColumnSpec, have: ColumnSpec): string[] {
  const out: string[] = [];
  const name = `${table}.${want.name}`;
  if (have.type.toUpperCase() !== want.type) out.push(`${name} is ${have.type || "untyped"}, the contract says ${want.type}`);
  if ((have.pk > 0) !== (want.pk > 0)) out.push(`${name} ${want.pk ? "is not" : "is"} part of the primary key`);
  if (have.notnull !== want.notnull) out.push(`${name} ${want.notnull ? "allows NULL, the contract says NOT NULL" : "is NOT NULL, the contract allows NULL"}`);
  if (want.dflt_value !== null && have.dflt_value !== want.dflt_value) out.push(`${name} defaults to ${have.dflt_value ?? "NULL"}, the contract says ${want.dflt_value}`);
  return out;
}
