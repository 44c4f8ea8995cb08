// status's dispatch counts during a backup: served from the reading kept in state.db, never a
// scan of dispatch.db. Real SQLite files and the real `job:backup` lock; "not read" is proved by
// a dispatch.db that another connection holds exclusively, which any read would fail on.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { loadCounts } from "../../../src/dispatch/counts-cache.ts";
import { BACKUP_LOCK, dispatchForStatus, UNAVAILABLE_DURING_BACKUP } from "../../../src/dispatch/status-reading.ts";
import { addTasks, backupSandbox } from "../backup/backup-fixture.ts";

type Sandbox = ReturnType<typeof backupSandbox>;

async function withSandbox(fn: (sb: Sandbox) => Promise<void>): Promise<void> {
  const sb = backupSandbox({ tasks: 10 });
  try {
    await fn(sb);
  } finally {
    sb.store.close();
    rmSync(sb.root, { recursive: true, force: true });
  }
}

/** Another connection holding dispatch.db exclusively (WAL with EXCLUSIVE locking): every reader gets SQLITE_BUSY. */
function lockExclusively(dbPath: string): Database.Database {
  const db = new Database(dbPath);
  db.pragma("locking_mode = EXCLUSIVE");
  db.exec("BEGIN EXCLUSIVE; UPDATE tasks SET status = status WHERE id = 1; COMMIT");
  const reader = new Database(dbPath, { readonly: true });
  reader.pragma("busy_timeout = 0");
  // The premise: a scan now fails at once instead of reading.
  assert.throws(() => reader.prepare("SELECT COUNT(*) FROM tasks").get(), { code: "SQLITE_BUSY" });
  reader.close();
  return db;
}

const TEN_DONE = { pending: 0, running: 0, done: 10, failed: 0, cancelled: 0 };

describe("dispatch counts for status", () => {
  it("outside a backup: reads dispatch.db and keeps the reading in state.db with its time", () =>
    withSandbox(async (sb) => {
      const s = await dispatchForStatus(sb.config, sb.store, { now: sb.now });
      assert.deepEqual(s.tasks, TEN_DONE);
      assert.equal(s.stale, undefined);
      assert.equal(s.countsAsOf, undefined);
      const kept = loadCounts(sb.store.db, sb.dbPath);
      assert.deepEqual([kept?.readAt.toISOString(), kept?.counts.tasks], ["2026-11-27T03:00:00.000Z", TEN_DONE]);
    }));

  it("while the backup lock is held: the kept counts, marked stale with their time, and dispatch.db is not read", () =>
    withSandbox(async (sb) => {
      await dispatchForStatus(sb.config, sb.store, { now: sb.now });
      addTasks(sb.dbPath, 5, "pending"); // the live counts now differ from the kept ones
      const lock = await sb.store.lock(BACKUP_LOCK, { label: "bot" });
      const holder = lockExclusively(sb.dbPath);
      try {
        sb.setTime("2026-11-27T03:04:59Z");
        const s = await dispatchForStatus(sb.config, sb.store, { now: sb.now });
        assert.deepEqual(s, { configured: true, dir: sb.dispatchDir, db: sb.dbPath, stale: true, tasks: TEN_DONE, nodes: [], countsAsOf: "2026-11-27T03:00:00.000Z" });
      } finally {
        holder.close();
        lock.release();
      }
      const after = await dispatchForStatus(sb.config, sb.store, { now: sb.now });
      assert.deepEqual([after.tasks?.pending, after.stale], [5, undefined], "after the backup: read live again");
    }));

  it("while the backup lock is held with no reading, or one over 300 s old: counts unavailable, still not read", () =>
    withSandbox(async (sb) => {
      const lock = await sb.store.lock(BACKUP_LOCK, { label: "bot" });
      const holder = lockExclusively(sb.dbPath);
      try {
        const none = await dispatchForStatus(sb.config, sb.store, { now: sb.now });
        assert.deepEqual(none, { configured: true, dir: sb.dispatchDir, db: sb.dbPath, stale: true, reason: UNAVAILABLE_DURING_BACKUP });
        assert.equal(UNAVAILABLE_DURING_BACKUP, "task counts unavailable while a backup runs");
      } finally {
        holder.close();
        lock.release();
      }
      await dispatchForStatus(sb.config, sb.store, { now: sb.now });
      const again = await sb.store.lock(BACKUP_LOCK, { label: "bot" });
      try {
        sb.setTime("2026-11-27T03:05:01Z");
        const old = await dispatchForStatus(sb.config, sb.store, { now: sb.now });
        assert.deepEqual([old.tasks, old.reason, old.stale], [undefined, UNAVAILABLE_DURING_BACKUP, true]);
      } finally {
        again.release();
      }
    }));

  it("a backup lock left by a process that died is no backup: the counts are read live", () =>
    withSandbox(async (sb) => {
      await dispatchForStatus(sb.config, sb.store, { now: sb.now });
      addTasks(sb.dbPath, 2, "failed");
      // A pid that cannot be alive (above any pid_max), as a kill -9'd backup leaves its row.
      const lock = await sb.store.lock(BACKUP_LOCK, { label: "bot", pid: 2 ** 30 });
      try {
        const s = await dispatchForStatus(sb.config, sb.store, { now: sb.now });
        assert.deepEqual([s.tasks?.failed, s.stale], [2, undefined]);
      } finally {
        lock.release();
      }
    }));
});
