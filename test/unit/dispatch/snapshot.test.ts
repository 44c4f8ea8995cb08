import assert from "node:assert/strict";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { isOysterError } from "../../../src/errors.ts";
import { snapshotDb } from "../../../src/dispatch/snapshot.ts";
import { createInconsistentDb, createOldDispatchDb, sha256File } from "../../helpers/fixtures/dispatch-dbs.ts";
import { modeOf, withUmask } from "../../helpers/file-modes.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

describe("snapshotDb", () => {
  it("writes a self-contained, checked copy with row counts and the file's sha256", async () => {
    const dir = tmpDir();
    const src = join(dir, "dispatch.db");
    createOldDispatchDb(src, { tasks: 300, logs: 20, logBytes: 10_000 });
    // An open writer keeps recent commits in the -wal file: the copy must include them anyway.
    const writer = new Database(src);
    writer.pragma("wal_autocheckpoint = 0");
    writer.prepare("INSERT INTO tasks (project, status, created_at) VALUES ('late', 'pending', 'x')").run();

    const dest = join(dir, "snap.db");
    const result = await snapshotDb(src, dest);
    writer.close();

    assert.equal(result.path, dest);
    assert.equal(result.integrity, "ok");
    assert.deepEqual(result.rows, { task_logs: 20, tasks: 301 });
    assert.equal(result.sha256, sha256File(dest));
    assert.equal(result.bytes, readFileSync(dest).length);
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith("snap")), ["snap.db"]);
    // Bytes 18-19 of the header are 1 in rollback-journal mode: readable with no -wal beside it.
    assert.deepEqual([...readFileSync(dest).subarray(18, 20)], [1, 1]);
  });

  it("deletes a copy that fails integrity_check and says so, leaving nothing that looks like a snapshot", async () => {
    const dir = tmpDir();
    const src = join(dir, "damaged.db");
    createInconsistentDb(src);
    const dest = join(dir, "snap.db");
    await assert.rejects(snapshotDb(src, dest), (err) => {
      assert.ok(isOysterError(err));
      assert.equal(err.code, "CommandFailed");
      assert.match(err.message, /integrity_check.*row 1 missing from index t_x/);
      return true;
    });
    assert.deepEqual(readdirSync(dir), ["damaged.db"]);
  });

  it("deletes the copy when a page is garbage and SQLite cannot even check it", async () => {
    const dir = tmpDir();
    const src = join(dir, "torn.db");
    const db = new Database(src);
    db.exec("CREATE TABLE t (x); CREATE INDEX t_x ON t (x);");
    for (let i = 0; i < 50; i++) db.prepare("INSERT INTO t VALUES (?)").run(i);
    const root = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 't_x'").pluck().get() as number;
    const pageSize = db.pragma("page_size", { simple: true }) as number;
    db.close();
    const fd = openSync(src, "r+");
    writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (root - 1) * pageSize);
    closeSync(fd);

    await assert.rejects(snapshotDb(src, join(dir, "snap.db")), (err) => isOysterError(err) && err.code === "CommandFailed" && /malformed/.test(err.message));
    assert.deepEqual(readdirSync(dir), ["torn.db"]);
  });

  it("never overwrites an existing file at the destination", async () => {
    const dir = tmpDir();
    const src = join(dir, "dispatch.db");
    createOldDispatchDb(src);
    const dest = join(dir, "snap.db");
    writeFileSync(dest, "keep me");
    await assert.rejects(snapshotDb(src, dest), (err) => isOysterError(err) && err.code === "CommandFailed");
    assert.equal(readFileSync(dest, "utf8"), "keep me");
    assert.equal(existsSync(`${dest}.tmp`), false);
  });
});

describe("snapshot file modes", () => {
  it("writes the snapshot 0600 under umask 022: it holds every task's prompt", async () => {
    const dir = tmpDir();
    const src = join(dir, "dispatch.db");
    createOldDispatchDb(src, { tasks: 5, logs: 1, logBytes: 100 });
    const dest = join(dir, "snap.db");
    await withUmask(() => snapshotDb(src, dest));
    assert.equal(modeOf(dest), "0600");
  });
});
