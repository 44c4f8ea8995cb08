import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { isOysterError } from "../../../src/errors.ts";
import { migrateDispatchDb } from "../../../src/dispatch/migrate.ts";
import { inspectDispatchSchema } from "../../../src/dispatch/schema.ts";
import { CONTRACT_DDL, createContractDb, createOldDispatchDb, sha256File, tableInfo } from "../../helpers/fixtures/dispatch-dbs.ts";
import { modeOf, withUmask } from "../../helpers/file-modes.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

const NOW = () => new Date("2026-11-27T03:04:05.678Z");

function setup(): { dir: string; path: string; snapshotDir: string } {
  const root = tmpDir();
  const dir = join(root, "dispatch");
  mkdirSync(dir);
  return { dir, path: join(dir, "dispatch.db"), snapshotDir: join(root, "data", "snapshots") };
}

describe("migrateDispatchDb", () => {
  it("creates a missing dispatch.db with exactly the contract's tables, in WAL mode, leaving user_version alone", async () => {
    const { path, snapshotDir } = setup();
    const result = await migrateDispatchDb(path, { snapshotDir, now: NOW });
    assert.deepEqual([result.created, result.from, result.to, result.snapshot], [true, 0, 2, undefined]);

    const contract = new Database(":memory:");
    contract.exec(CONTRACT_DDL);
    const db = new Database(path, { readonly: true });
    assert.deepEqual(tableInfo(db, "tasks"), tableInfo(contract, "tasks"));
    assert.deepEqual(tableInfo(db, "nodes"), tableInfo(contract, "nodes"));
    assert.deepEqual(db.prepare("SELECT * FROM oyster_schema").all(), [{ version: 2, applied_at: "2026-11-27T03:04:05.678Z" }]);
    assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
    assert.equal(db.pragma("user_version", { simple: true }), 0);
    db.close();
    assert.deepEqual(inspectDispatchSchema(path), { kind: "current", version: 2 });
    assert.deepEqual(readdirSync(join(path, "..")).filter((f) => f.includes("creating")), []);
  });

  it("refuses to create dispatch.db when the dispatch dir does not exist, and does not create the dir", async () => {
    const root = tmpDir();
    const path = join(root, "dispatch", "dispatch.db");
    await assert.rejects(migrateDispatchDb(path, { snapshotDir: join(root, "snapshots") }), (err) => isOysterError(err) && err.code === "NotConfigured");
    assert.equal(existsSync(join(root, "dispatch")), false);
  });

  it("migrates an old database: snapshot first, every row kept, new columns defaulted, user_version and rows untouched", async () => {
    const { path, snapshotDir } = setup();
    createOldDispatchDb(path, { tasks: 500, journal: "delete", userVersion: 7 });
    const result = await migrateDispatchDb(path, { snapshotDir, now: NOW });

    assert.deepEqual([result.created, result.from, result.to], [false, 1, 2]);
    assert.equal(result.snapshot?.path, join(snapshotDir, "dispatch-premigrate-20261127-030405.db"));
    assert.deepEqual(result.snapshot?.rows, { tasks: 500 });
    // The snapshot is the database as it was: the old schema, untouched.
    assert.deepEqual(inspectDispatchSchema(result.snapshot!.path), { kind: "outdated", version: 1, missing: ["tasks.attempts", "tasks.error", "nodes", "oyster_schema"] });

    const db = new Database(path, { readonly: true });
    assert.equal(db.prepare("SELECT COUNT(*) FROM tasks").pluck().get(), 500);
    assert.deepEqual(db.prepare("SELECT DISTINCT attempts, error, project IS NOT NULL AS p FROM tasks").all(), [{ attempts: 0, error: null, p: 1 }]);
    assert.deepEqual(db.prepare("SELECT * FROM oyster_schema").all(), [{ version: 2, applied_at: "2026-11-27T03:04:05.678Z" }]);
    assert.equal(db.pragma("user_version", { simple: true }), 7);
    assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
    db.close();
    assert.deepEqual(inspectDispatchSchema(path), { kind: "current", version: 2 });
  });

  it("waits for another writer's lock, then migrates and reports the wait in lockWaitMs", async () => {
    const { path, snapshotDir } = setup();
    createOldDispatchDb(path, { tasks: 5, journal: "delete" });
    // Another writer (dispatch, say) holds the write lock while the migration starts.
    const writer = new Database(path);
    writer.exec("BEGIN IMMEDIATE");
    const HOLD_MS = 300;
    let releasedAt = 0;
    // The snapshot comes first and only reads (built aside, renamed into place when done); release
    // the lock a while after it is in place, when the migration is waiting for the lock.
    const snapshot = join(snapshotDir, "dispatch-premigrate-20261127-030405.db");
    const release = waitUntil(() => existsSync(snapshot), "the premigrate snapshot")
      .then(() => new Promise((r) => setTimeout(r, HOLD_MS)))
      .then(() => {
        writer.exec("COMMIT");
        writer.close();
        releasedAt = performance.now();
      });
    const result = await migrateDispatchDb(path, { snapshotDir, now: NOW });
    const finishedAt = performance.now();
    await release;
    assert.deepEqual([result.from, result.to], [1, 2]);
    assert.ok(releasedAt > 0 && releasedAt <= finishedAt, "the migration finished only after the lock was released");
    assert.ok(result.lockWaitMs >= HOLD_MS / 2, `lockWaitMs ${result.lockWaitMs.toFixed(1)} ms, the lock was held ${HOLD_MS} ms after the snapshot`);
    assert.deepEqual(inspectDispatchSchema(path), { kind: "current", version: 2 });
  });

  it("only records its version on a database dispatch already made on the contract's schema", async () => {
    const { path, snapshotDir } = setup();
    createContractDb(path);
    const result = await migrateDispatchDb(path, { snapshotDir, now: NOW });
    assert.deepEqual([result.from, result.to, result.snapshot?.rows], [1, 2, { nodes: 0, tasks: 0 }]);
    assert.deepEqual(inspectDispatchSchema(path), { kind: "current", version: 2 });
  });

  it("does nothing to a current database: no snapshot, same bytes", async () => {
    const { path, snapshotDir } = setup();
    await migrateDispatchDb(path, { snapshotDir, now: NOW });
    const before = sha256File(path);
    const result = await migrateDispatchDb(path, { snapshotDir, now: NOW });
    assert.deepEqual([result.created, result.from, result.to, result.snapshot, result.lockWaitMs], [false, 2, 2, undefined, 0]);
    assert.equal(sha256File(path), before);
    assert.equal(existsSync(snapshotDir), false);
  });

  it("refuses an unrecognised database with the problems named, changing nothing", async () => {
    const { path, snapshotDir } = setup();
    const db = new Database(path);
    db.exec("CREATE TABLE tasks (id INTEGER PRIMARY KEY, project TEXT NOT NULL, node TEXT, status TEXT NOT NULL, created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT, error BLOB)");
    db.close();
    const before = sha256File(path);
    await assert.rejects(migrateDispatchDb(path, { snapshotDir }), (err) => {
      assert.ok(isOysterError(err));
      assert.equal(err.code, "CommandFailed");
      assert.match(err.message, /tasks\.error is BLOB, the contract says TEXT/);
      return true;
    });
    assert.equal(sha256File(path), before);
    assert.equal(existsSync(snapshotDir), false);
  });
});

describe("premigrate snapshot file mode", () => {
  it("writes the premigrate snapshot 0600 under umask 022", async () => {
    const { path, snapshotDir } = setup();
    createOldDispatchDb(path, { tasks: 5, journal: "delete" });
    const result = await withUmask(() => migrateDispatchDb(path, { snapshotDir, now: NOW }));
    assert.equal(modeOf(result.snapshot!.path), "0600");
  });
});
