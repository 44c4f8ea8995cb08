import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { migrate, MIGRATIONS, openDb } from "../../../src/store/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

describe("state.db migrations", () => {
  it("opens in WAL mode with a busy timeout", () => {
    const db = openDb(join(tmpDir(), "state.db"));
    assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
    assert.equal(db.pragma("busy_timeout", { simple: true }), 5000);
    db.close();
  });

  it("applies every migration once and records each version", () => {
    const path = join(tmpDir(), "state.db");
    const db = openDb(path);
    const latest = MIGRATIONS.at(-1)!.version;
    assert.equal(migrate(db), latest);
    assert.equal(migrate(db), latest);
    const rows = db.prepare("SELECT version FROM schema_migrations ORDER BY version").all() as Array<{ version: number }>;
    assert.deepEqual(rows.map((r) => r.version), MIGRATIONS.map((m) => m.version));
    db.close();
  });

  it("rolls a failing migration back whole and keeps the earlier version", () => {
    const db = openDb(join(tmpDir(), "state.db"));
    const broken = [
      { version: 1, name: "one", sql: "CREATE TABLE a (x INTEGER);" },
      { version: 2, name: "two", sql: "CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);" },
    ];
    assert.throws(() => migrate(db, broken), /no such table: nowhere/);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as Array<{ name: string }>).map((t) => t.name);
    assert.ok(tables.includes("a"));
    assert.ok(!tables.includes("b"), "half of migration 2 must not remain");
    assert.equal((db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: number }).v, 1);
    db.close();
  });
});
