import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { snapshotDb } from "../../../src/dispatch/snapshot.ts";
import { createOldDispatchDb, sha256File } from "../../helpers/fixtures/dispatch-dbs.ts";
import { startDispatchWriter, trackEventLoopGaps } from "../../helpers/fixtures/run-dispatch-writer.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

describe("snapshot of dispatch.db under a live writer", { timeout: 90_000 }, () => {
  it("copies a 100 MB+ database consistently while dispatch commits, holding every row committed before it began", async () => {
    const dir = tmpDir();
    const path = join(dir, "dispatch.db");
    createOldDispatchDb(path, { tasks: 20_000, logs: 1_100, logBytes: 100_000 });
    const sizeMb = statSync(path).size / 1e6;
    assert.ok(sizeMb >= 100, `database is ${sizeMb} MB`);

    const writer = await startDispatchWriter(path, dir);
    let report;
    let snap;
    let maxBefore = 0;
    let worstGapMs = 0;
    try {
      await sleep(1000);
      const reader = new Database(path, { readonly: true });
      maxBefore = reader.prepare("SELECT MAX(id) FROM tasks").pluck().get() as number;
      reader.close();
      const gaps = trackEventLoopGaps();
      snap = await snapshotDb(path, join(dir, "dispatch-snap.db"));
      worstGapMs = await gaps.stop();
      await sleep(300);
    } finally {
      report = await writer.stop();
    }

    console.log(
      `[diagnostic] db ${sizeMb.toFixed(1)} MB; snapshot ${snap.durationMs.toFixed(0)} ms, ${(snap.bytes / 1e6).toFixed(1)} MB, rows ${JSON.stringify(snap.rows)}; ` +
        `writer: ${report.commits} commits (${Math.round(report.rate)}/s), worst commit ${report.worstMs.toFixed(1)} ms, failures ${report.failures}; ` +
        `event loop blocked up to ${worstGapMs.toFixed(0)} ms`,
    );

    assert.equal(execFileSync("sqlite3", [snap.path, "PRAGMA integrity_check"], { encoding: "utf8" }).trim(), "ok");
    assert.equal(snap.sha256, sha256File(snap.path));
    const s = new Database(snap.path, { readonly: true });
    // Every row committed before the snapshot began, and a consistent cut: ids with no holes.
    assert.equal(s.prepare("SELECT COUNT(*) FROM tasks WHERE id <= ?").pluck().get(maxBefore), maxBefore);
    const { n, top } = s.prepare("SELECT COUNT(*) AS n, MAX(id) AS top FROM tasks").get() as { n: number; top: number };
    assert.equal(n, top);
    assert.equal(snap.rows.tasks, n);
    assert.equal(s.prepare("SELECT COUNT(*) FROM task_logs").pluck().get(), 1_100);
    s.close();

    assert.deepEqual(report.firstFailures, []);
    assert.ok(report.worstMs < report.busyTimeoutMs, `worst commit ${report.worstMs} ms`);
  });
});
