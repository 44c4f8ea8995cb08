import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { migrateDispatchDb } from "../../../src/dispatch/migrate.ts";
import { inspectDispatchSchema } from "../../../src/dispatch/schema.ts";
import { createOldDispatchDb } from "../../helpers/fixtures/dispatch-dbs.ts";
import { startDispatchWriter, trackEventLoopGaps } from "../../helpers/fixtures/run-dispatch-writer.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

function maxId(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare("SELECT MAX(id) FROM tasks").pluck().get() as number;
  } finally {
    db.close();
  }
}

describe("dispatch.db migration under a live writer", { timeout: 90_000 }, () => {
  it("snapshots and migrates a 100 MB+ old database while dispatch commits, losing nothing and never stalling the writer", async () => {
    const root = tmpDir();
    const dispatchDir = join(root, "dispatch");
    mkdirSync(dispatchDir);
    const path = join(dispatchDir, "dispatch.db");
    const snapshotDir = join(root, "snapshots");
    createOldDispatchDb(path, { tasks: 20_000, logs: 1_100, logBytes: 100_000 });
    const sizeMb = statSync(path).size / 1e6;
    assert.ok(sizeMb >= 100, `database is ${sizeMb} MB`);

    const writer = await startDispatchWriter(path, root);
    let report;
    let result;
    let maxBefore = 0;
    let maxAfterMigrate = 0;
    let worstGapMs = 0;
    try {
      await sleep(1000); // the writer at full speed, its WAL checkpointing, before we start
      maxBefore = maxId(path);
      const gaps = trackEventLoopGaps();
      result = await migrateDispatchDb(path, { snapshotDir });
      worstGapMs = await gaps.stop();
      maxAfterMigrate = maxId(path);
      await sleep(1000); // the writer carries on against the migrated schema
    } finally {
      report = await writer.stop();
    }

    console.log(
      `[diagnostic] db ${sizeMb.toFixed(1)} MB; writer: ${report.commits} commits in ${report.seconds.toFixed(1)} s (${Math.round(report.rate)}/s), ` +
        `worst commit ${report.worstMs.toFixed(1)} ms at ${report.worstAt}, failures ${report.failures}; ` +
        `migration ${result.durationMs.toFixed(0)} ms (lock wait ${result.lockWaitMs.toFixed(1)} ms), ` +
        `snapshot ${result.snapshot?.durationMs.toFixed(0)} ms ${((result.snapshot?.bytes ?? 0) / 1e6).toFixed(1)} MB; ` +
        `event loop blocked up to ${worstGapMs.toFixed(0)} ms`,
    );

    // The writer never noticed beyond a short wait.
    assert.deepEqual(report.firstFailures, []);
    assert.ok(report.worstMs < report.busyTimeoutMs, `worst commit ${report.worstMs} ms`);
    assert.ok(report.ids.some((id) => id > maxAfterMigrate), "the writer kept committing after the migration");

    // The snapshot: checked by SQLite's own tool, holding everything committed before we began.
    const snap = result.snapshot!;
    assert.equal(execFileSync("sqlite3", [snap.path, "PRAGMA integrity_check"], { encoding: "utf8" }).trim(), "ok");
    const s = new Database(snap.path, { readonly: true });
    assert.equal(s.prepare("SELECT COUNT(*) FROM tasks WHERE id <= ?").pluck().get(maxBefore), maxBefore);
    assert.equal(s.prepare("SELECT COUNT(*) FROM task_logs").pluck().get(), 1_100);
    s.close();
    assert.ok(snap.rows.tasks! >= maxBefore);

    // The migrated database: current, and every commit the writer saw succeed is there, no more.
    assert.deepEqual(inspectDispatchSchema(path), { kind: "current", version: 2 });
    const db = new Database(path, { readonly: true });
    const present = db.prepare("SELECT id FROM tasks WHERE project = 'writer' ORDER BY id").pluck().all() as number[];
    assert.equal(db.prepare("SELECT COUNT(*) FROM tasks WHERE id <= 20000").pluck().get(), 20_000);
    db.close();
    assert.equal(present.length, report.ids.length);
    assert.deepEqual(present, [...report.ids].sort((a, b) => a - b));
  });
});
