import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { loadConfig } from "../../../src/config/index.ts";
import { dispatchSummary } from "../../../src/dispatch/summary.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

function configWithDispatch(dispatchDir: string) {
  const dir = tmpDir();
  writeFileSync(join(dir, "oyster.json"), JSON.stringify({ dispatch: { dir: dispatchDir } }));
  return loadConfig({ dir }).config;
}

describe("dispatch summary", () => {
  it("says not configured when dispatch.dir does not exist, and never creates it", async () => {
    const missing = join(tmpDir(), "nope");
    const s = await dispatchSummary(configWithDispatch(missing));
    assert.equal(s.configured, false);
    assert.match(s.reason ?? "", /does not exist/);
    assert.throws(() => new Database(join(missing, "dispatch.db"), { fileMustExist: true }));
  });

  it("says the database is not there yet when the dir exists without dispatch.db", async () => {
    const dir = tmpDir();
    const s = await dispatchSummary(configWithDispatch(dir));
    assert.deepEqual([s.configured, s.tasks], [true, undefined]);
    assert.match(s.reason ?? "", /dispatch\.db does not exist yet/);
  });

  it("counts tasks by status and lists dispatch's node states", async () => {
    const dir = tmpDir();
    const db = new Database(join(dir, "dispatch.db"));
    db.exec(`CREATE TABLE tasks (id INTEGER PRIMARY KEY, project TEXT NOT NULL, node TEXT, status TEXT NOT NULL, created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT, attempts INTEGER NOT NULL DEFAULT 0, error TEXT);
             CREATE TABLE nodes (name TEXT PRIMARY KEY, state TEXT NOT NULL, updated_at TEXT NOT NULL);`);
    const add = db.prepare("INSERT INTO tasks (project, status, created_at) VALUES ('web', ?, '2026-11-27T00:00:00Z')");
    for (const s of ["running", "running", "done", "failed", "pending"]) add.run(s);
    db.prepare("INSERT INTO nodes VALUES ('n1', 'online', '2026-11-27T00:00:00Z')").run();
    db.close();
    const s = await dispatchSummary(configWithDispatch(dir));
    assert.deepEqual(s.tasks, { pending: 1, running: 2, done: 1, failed: 1, cancelled: 0 });
    assert.deepEqual(s.nodes, [{ name: "n1", state: "online", updatedAt: "2026-11-27T00:00:00Z" }]);
    // The bot reads the same numbers in the compiled SQLite worker, off its event loop.
    assert.deepEqual(await dispatchSummary(configWithDispatch(dir), { offThread: true }), s);
  });

  it("reads the old schema (no nodes table) without failing", async () => {
    const dir = tmpDir();
    mkdirSync(dir, { recursive: true });
    const db = new Database(join(dir, "dispatch.db"));
    db.exec("CREATE TABLE tasks (id INTEGER PRIMARY KEY, project TEXT NOT NULL, node TEXT, status TEXT NOT NULL, created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT)");
    db.prepare("INSERT INTO tasks (project, status, created_at) VALUES ('web', 'done', 'x')").run();
    db.close();
    const s = await dispatchSummary(configWithDispatch(dir));
    assert.equal(s.tasks?.done, 1);
    assert.equal(s.nodes, undefined);
  });
});
