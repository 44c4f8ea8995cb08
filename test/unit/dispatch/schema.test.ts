import assert from "node:assert/strict";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { inspectDispatchSchema } from "../../../src/dispatch/schema.ts";
import { createContractDb, createOldDispatchDb, sha256File } from "../../helpers/fixtures/dispatch-dbs.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

describe("inspectDispatchSchema", () => {
  it("says missing when there is no file, and creates none", () => {
    const path = join(tmpDir(), "dispatch.db");
    assert.deepEqual(inspectDispatchSchema(path), { kind: "missing" });
    assert.equal(existsSync(path), false);
  });

  it("says the old schema is version 1 and lists what it lacks, without writing to it", () => {
    const path = join(tmpDir(), "dispatch.db");
    createOldDispatchDb(path, { journal: "delete" });
    const before = sha256File(path);
    assert.deepEqual(inspectDispatchSchema(path), { kind: "outdated", version: 1, missing: ["tasks.attempts", "tasks.error", "nodes", "oyster_schema"] });
    assert.equal(sha256File(path), before);
  });

  it("says outdated when the tables match the contract but Oyster has not recorded its version", () => {
    const path = join(tmpDir(), "dispatch.db");
    createContractDb(path);
    assert.deepEqual(inspectDispatchSchema(path), { kind: "outdated", version: 1, missing: ["oyster_schema"] });
  });

  it("says current for the contract schema with oyster_schema at version 2", () => {
    const path = join(tmpDir(), "dispatch.db");
    createContractDb(path);
    const db = new Database(path);
    db.exec("CREATE TABLE oyster_schema (version INTEGER, applied_at TEXT); INSERT INTO oyster_schema VALUES (2, '2026-01-01T00:00:00.000Z');");
    db.close();
    assert.deepEqual(inspectDispatchSchema(path), { kind: "current", version: 2 });
  });

  it("says unrecognised when there is no tasks table", () => {
    const path = join(tmpDir(), "dispatch.db");
    const db = new Database(path);
    db.exec("CREATE TABLE jobs (id INTEGER PRIMARY KEY)");
    db.close();
    assert.deepEqual(inspectDispatchSchema(path), { kind: "unrecognised", problems: ["no tasks table"] });
  });

  it("says unrecognised when a column has a type that conflicts with the contract", () => {
    const path = join(tmpDir(), "dispatch.db");
    const db = new Database(path);
    db.exec("CREATE TABLE tasks (id INTEGER PRIMARY KEY, project TEXT NOT NULL, node TEXT, status TEXT NOT NULL, created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT, attempts TEXT)");
    db.close();
    const state = inspectDispatchSchema(path);
    assert.equal(state.kind, "unrecognised");
    assert.match(state.kind === "unrecognised" ? state.problems.join() : "", /tasks\.attempts is TEXT, the contract says INTEGER/);
  });

  it("says unrecognised when a column the old schema had is gone (it cannot be added back safely)", () => {
    const path = join(tmpDir(), "dispatch.db");
    const db = new Database(path);
    db.exec("CREATE TABLE tasks (id INTEGER PRIMARY KEY, status TEXT NOT NULL, created_at TEXT NOT NULL)");
    db.close();
    const state = inspectDispatchSchema(path);
    assert.equal(state.kind, "unrecognised");
    assert.match(state.kind === "unrecognised" ? state.problems.join() : "", /tasks\.project is missing/);
  });

  it("says unrecognised when oyster_schema records a version newer than this Oyster", () => {
    const path = join(tmpDir(), "dispatch.db");
    createContractDb(path);
    const db = new Database(path);
    db.exec("CREATE TABLE oyster_schema (version INTEGER, applied_at TEXT); INSERT INTO oyster_schema VALUES (3, 'x');");
    db.close();
    const state = inspectDispatchSchema(path);
    assert.equal(state.kind, "unrecognised");
    assert.match(state.kind === "unrecognised" ? state.problems.join() : "", /version 3, newer/);
  });

  it("says unrecognised for a file that is not a SQLite database", () => {
    const path = join(tmpDir(), "dispatch.db");
    writeFileSync(path, "this is not a database, it is a text file long enough to have a header".repeat(10));
    assert.equal(inspectDispatchSchema(path).kind, "unrecognised");
  });
});
