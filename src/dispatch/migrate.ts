import { existsSync, linkSync, readdirSync, rmSync, statSync } from "node:fs";
import { ensurePrivateDir } from "../files/private.ts";
import { basename, dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { openSqlite, type SqliteDb } from "../store/sqlite-driver.ts";
import { OysterError } from "../errors.ts";
import { CREATE_SQL, DISPATCH_SCHEMA_VERSION, inspectDispatchSchema, inspectOpenDb, type SchemaState } from "./schema.ts";
import { removeOrphans } from "./durable-file.ts";
import { snapshotDb, type SnapshotResult } from "./snapshot.ts";
import { beginImmediate, isBusy } from "./write-lock.ts";

export interface MigrateResult {
  created: boolean;
  from: number;
  to: number;
  snapshot?: SnapshotResult;
  durationMs: number;
  /** Time spent waiting for dispatch's writers to let go of the write lock. */
  lockWaitMs: number;
}

export interface MigrateOptions {
  snapshotDir: string;
  now?: () => Date;
  busyTimeoutMs?: number;
}

/**
 * Brings dispatch.db to the contract's schema: creates it when missing, migrates the old schema
 * (after a snapshot), does nothing when current, and refuses anything it does not recognise.
 */
export async function migrateDispatchDb(dbPath: string, opts: MigrateOptions): Promise<MigrateResult> {
  const started = performance.now();
  const now = opts.now ?? (() => new Date());
  const busyTimeoutMs = opts.busyTimeoutMs ?? 5000;
  const state = inspectDispatchSchema(dbPath);
  const done = (r: Omit<MigrateResult, "durationMs">): MigrateResult => ({ ...r, durationMs: performance.now() - started });

  switch (state.kind) {
    case "current":
      return done({ created: false, from: state.version, to: state.version, lockWaitMs: 0 });
    case "unrecognised":
      throw refuse(dbPath, state.problems);
    case "missing":
      if (createFresh(dbPath, now)) return done({ created: true, from: 0, to: DISPATCH_SCHEMA_VERSION, lockWaitMs: 0 });
      // Someone (dispatch) created it first: judge what they made, like any existing file.
      return { ...(await migrateDispatchDb(dbPath, opts)), durationMs: performance.now() - started };
    case "outdated": {
      ensurePrivateDir(opts.snapshotDir);
      removeInterruptedSnapshots(opts.snapshotDir);
      const snapshot = await snapshotDb(dbPath, join(opts.snapshotDir, `dispatch-premigrate-${stamp(now())}.db`));
      const lockWaitMs = await upgrade(dbPath, now, busyTimeoutMs);
      verify(dbPath);
      return done({ created: false, from: state.version, to: DISPATCH_SCHEMA_VERSION, snapshot, lockWaitMs });
    }
  }
}

/**
 * Builds the database beside its final name and links it into place, so no one ever sees a
 * half-made dispatch.db, and a file dispatch creates meanwhile is never overwritten (link fails).
 * Returns false when that happened. Never creates the dispatch dir: that is dispatch's to make.
 */
function createFresh(dbPath: string, now: () => Date): boolean {
  const dir = dirname(dbPath);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new OysterError("NotConfigured", `cannot create ${dbPath}: ${dir} does not exist (Oyster never creates the dispatch dir)`, { dir });
  }
  const building = `${dbPath}.creating-${process.pid}`;
  // A creation killed mid-way (in another process) left its half-made file: never linked, so
  // never dispatch.db, but not to be kept either.
  removeOrphans(dir, new RegExp(`^${basename(dbPath).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.creating-(\\d+)(?:-wal|-shm|-journal)?$`));
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${building}${suffix}`, { force: true });
  const db = openSqlite(building);
  try {
    db.pragma("journal_mode = WAL");
    db.transaction(() => {
      db.exec(`${CREATE_SQL.tasks}; ${CREATE_SQL.nodes}; ${CREATE_SQL.oyster_schema};`);
      recordVersion(db, now);
    })();
  } finally {
    db.close(); // checkpoints and removes the -wal: the file alone is the database
  }
  try {
    linkSync(building, dbPath);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  } finally {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${building}${suffix}`, { force: true });
  }
}

/**
 * The migration proper, in one IMMEDIATE transaction. ADD COLUMN with a constant default only
 * rewrites the schema row, not the table, so the lock is held for milliseconds whatever the size
 * of dispatch.db. The schema is judged again under the lock: another guardian may have won.
 */
async function upgrade(dbPath: string, now: () => Date, busyTimeoutMs: number): Promise<number> {
  const db = openSqlite(dbPath, { fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    const lockWaitMs = await beginImmediate(db, busyTimeoutMs);
    try {
      applyMissing(db, inspectOpenDb(db), dbPath, now);
      db.exec("COMMIT");
    } finally {
      if (db.inTransaction) db.exec("ROLLBACK");
    }
    await switchToWal(db, busyTimeoutMs);
    return lockWaitMs;
  } finally {
    db.close();
  }
}

function applyMissing(db: SqliteDb, state: SchemaState, dbPath: string, now: () => Date): void {
  if (state.kind === "current") return;
  if (state.kind !== "outdated") throw refuse(dbPath, state.kind === "unrecognised" ? state.problems : ["tasks table vanished"]);
  for (const part of state.missing) {
    if (part === "tasks.attempts") db.exec(CREATE_SQL.addColumn.attempts);
    else if (part === "tasks.error") db.exec(CREATE_SQL.addColumn.error);
    else if (part === "nodes") db.exec(CREATE_SQL.nodes);
    else if (part === "oyster_schema") db.exec(CREATE_SQL.oyster_schema);
  }
  recordVersion(db, now);
}

/** The contract wants WAL; a DELETE-mode database needs every reader gone to switch, so retry. */
async function switchToWal(db: SqliteDb, timeoutMs: number): Promise<void> {
  const started = performance.now();
  db.pragma("busy_timeout = 0");
  for (;;) {
    try {
      if (db.pragma("journal_mode = WAL", { simple: true }) === "wal") return;
    } catch (err) {
      if (!isBusy(err)) throw err;
    }
    if (performance.now() - started >= timeoutMs) {
      throw new OysterError("Busy", "dispatch.db was migrated but could not be switched to WAL mode: other connections kept it busy");
    }
    await sleep(5);
  }
}

function verify(dbPath: string): void {
  const after = inspectDispatchSchema(dbPath);
  if (after.kind !== "current") {
    throw new OysterError("CommandFailed", `dispatch.db is not on the contract schema after migrating: ${JSON.stringify(after)}`, { state: after });
  }
}

function recordVersion(db: SqliteDb, now: () => Date): void {
  db.prepare("INSERT INTO oyster_schema (version, applied_at) VALUES (?, ?)").run(DISPATCH_SCHEMA_VERSION, now().toISOString());
}

function refuse(dbPath: string, problems: string[]): OysterError {
  return new OysterError("CommandFailed", `${dbPath} is not a dispatch.db schema Oyster recognises; left unchanged: ${problems.join("; ")}`, { problems });
}

/**
 * The temp copies of premigration snapshots that a killed migration left (snapshotDb's
 * `<name>.tmp`, and its journal). Only the guardian migrates, under its job lock, so none is in
 * flight; each is as big as dispatch.db and never becomes a snapshot: the next migration takes
 * its own, whole, under a new name.
 */
function removeInterruptedSnapshots(dir: string): void {
  for (const f of readdirSync(dir)) {
    if (/^dispatch-premigrate-[\w.-]+\.db\.tmp(?:-wal|-shm|-journal)?$/.test(f)) rmSync(join(dir, f), { force: true });
  }
}

/** YYYYMMDD-HHMMSS in UTC. */
function stamp(d: Date): string {
  const iso = d.toISOString();
  return `${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 19).replaceAll(":", "")}`;
}
