// `oyster backup` on a 100 MB+ dispatch.db while a separate process (dispatch's stand-in)
// commits as fast as it can, checked with the sqlite3 CLI, as an operator would.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { backup } from "../../../commands/backup.ts";
import type { BackupReport } from "../../../src/backup/take-backup.ts";
import { runCli } from "../../../src/cli.ts";
import { openStore } from "../../../src/store/index.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { createOldDispatchDb, sha256File } from "../../helpers/fixtures/dispatch-dbs.ts";
import { startDispatchWriter } from "../../helpers/fixtures/run-dispatch-writer.ts";
import { backupSandbox } from "../../unit/backup/backup-fixture.ts";

describe("oyster backup under a live dispatch writer", { timeout: 120_000 }, () => {
  it("takes a verified copy of a 100 MB+ dispatch.db holding every row committed before it began, without stalling the writer", async () => {
    const sb = backupSandbox({ dispatch: "no-db" });
    sb.store.close();
    createOldDispatchDb(sb.dbPath, { tasks: 20_000, logs: 1_100, logBytes: 100_000 });
    const sizeMb = statSync(sb.dbPath).size / 1e6;
    assert.ok(sizeMb >= 100, `database is ${sizeMb} MB`);

    const writer = await startDispatchWriter(sb.dbPath, sb.root);
    let report: BackupReport | undefined;
    let code = -1;
    let stderr = "";
    let maxBefore = 0;
    let writerReport;
    try {
      await sleep(1000);
      const reader = new Database(sb.dbPath, { readonly: true });
      maxBefore = reader.prepare("SELECT MAX(id) FROM tasks").pluck().get() as number;
      reader.close();
      const c = captureOutput();
      code = await runCli(["backup", "--json"], { env: sb.env, out: c.out, io: { input: new PassThrough(), output: new PassThrough() }, commands: [backup] });
      stderr = c.stderr;
      report = JSON.parse(c.stdout) as BackupReport;
      await sleep(300);
    } finally {
      writerReport = await writer.stop();
    }
    assert.equal(code, 0, stderr);
    const snap = report!.snapshot!;
    const path = join(sb.snapshotDir, snap.file);
    console.log(
      `[diagnostic] db ${sizeMb.toFixed(1)} MB; backup ${snap.durationMs?.toFixed(0)} ms, ${report!.summary}; ` +
        `writer: ${writerReport.commits} commits (${Math.round(writerReport.rate)}/s), worst commit ${writerReport.worstMs.toFixed(1)} ms ` +
        `(busy timeout ${writerReport.busyTimeoutMs} ms), failures ${writerReport.failures}`,
    );

    assert.equal(execFileSync("sqlite3", [path, "PRAGMA integrity_check"], { encoding: "utf8" }).trim(), "ok");
    assert.equal(snap.sha256, sha256File(path));
    const s = new Database(path, { readonly: true });
    assert.equal(s.prepare("SELECT COUNT(*) FROM tasks WHERE id <= ?").pluck().get(maxBefore), maxBefore);
    const { n, top } = s.prepare("SELECT COUNT(*) AS n, MAX(id) AS top FROM tasks").get() as { n: number; top: number };
    assert.equal(n, top, "a consistent cut: no holes in the ids");
    assert.equal(snap.rows.tasks, n);
    assert.equal(s.prepare("SELECT COUNT(*) FROM task_logs").pluck().get(), 1_100);
    s.close();

    assert.deepEqual(writerReport.firstFailures, []);
    assert.ok(writerReport.worstMs < writerReport.busyTimeoutMs, `worst commit ${writerReport.worstMs} ms`);

    const store = openStore(sb.dataDir);
    const run = store.jobRuns.last("backup");
    assert.deepEqual([run?.trigger, run?.outcome, run?.summary], ["manual", "ok", report!.summary]);
    assert.deepEqual(store.audit.since(new Date(0)).map((r) => [r.command, r.decision, r.outcome]), [["backup", "allowed", "ok"]]);
    store.close();
    rmSync(sb.root, { recursive: true, force: true });
  });
});
