import assert from "node:assert/strict";
import { copyFileSync, existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { backup as backupJob } from "../../../jobs/backup/index.ts";
import { lastBackup, SnapshotLedger } from "../../../src/backup/snapshot-ledger.ts";
import { takeBackup } from "../../../src/backup/take-backup.ts";
import { BACKUP_LOCK, dispatchForStatus } from "../../../src/dispatch/status-reading.ts";
import type { JobContext } from "../../../src/scheduler.ts";
import type { SshPool } from "../../../src/ssh/index.ts";
import { createInconsistentDb, sha256File } from "../../helpers/fixtures/dispatch-dbs.ts";
import { modeOf, withUmask } from "../../helpers/file-modes.ts";
import { backupSandbox } from "./backup-fixture.ts";

describe("takeBackup", () => {
  it("copies dispatch.db to snapshots/dispatch-YYYYMMDD-HHMMSS.db (UTC), records it, and says so", async () => {
    const sb = backupSandbox({ tasks: 25, at: "2026-11-27T03:00:00Z" });
    const r = await takeBackup(sb.deps());
    assert.equal(r.ok, true, r.summary);
    assert.match(r.summary, /^dispatch-20261127-030000\.db, [\d.]+ MB, verified, 1 kept, 0 pruned$/);
    const [row] = new SnapshotLedger(sb.store).list();
    assert.equal(row?.file, "dispatch-20261127-030000.db");
    assert.deepEqual([row?.kind, row?.verdict, row?.takenAt, row?.rows.tasks], ["daily", "ok", "2026-11-27T03:00:00.000Z", 25]);
    assert.equal(row?.sha256, sha256File(join(sb.snapshotDir, row.file)));
    assert.equal(typeof row?.durationMs, "number");
    assert.deepEqual(lastBackup(sb.store.db), { file: row?.file, takenAt: row?.takenAt, bytes: row?.bytes, verdict: "ok" });
    assert.deepEqual(sb.notifier.events, []);
  });

  it("reads dispatch's counts just before it copies, so status during the copy answers from that reading", async () => {
    const sb = backupSandbox({ tasks: 25, at: "2026-11-27T03:00:00Z" });
    // Held as the backup job holds it, from before takeBackup until after.
    const lock = await sb.store.lock(BACKUP_LOCK, { label: "bot" });
    try {
      assert.equal((await takeBackup(sb.deps())).ok, true);
      sb.setTime("2026-11-27T03:00:07Z");
      const s = await dispatchForStatus(sb.config, sb.store, { now: sb.now });
      assert.deepEqual([s.tasks?.done, s.stale, s.countsAsOf], [25, true, "2026-11-27T03:00:00.000Z"]);
    } finally {
      lock.release();
    }
  });

  it("names a second backup in the same second -2 instead of failing", async () => {
    const sb = backupSandbox();
    await takeBackup(sb.deps());
    const r = await takeBackup(sb.deps());
    assert.equal(r.snapshot?.file, "dispatch-20261127-030000-2.db");
  });

  it("keeps 7 after 10 daily runs: the oldest files and rows are pruned", async () => {
    const sb = backupSandbox({ at: "2026-11-18T03:00:00Z" });
    let last;
    for (let day = 0; day < 10; day++, sb.advanceDays(1)) last = await takeBackup(sb.deps());
    assert.match(last!.summary, /, verified, 7 kept, 1 pruned$/);
    const files = new SnapshotLedger(sb.store).list().map((s) => s.file).sort();
    assert.deepEqual(files, [21, 22, 23, 24, 25, 26, 27].map((d) => `dispatch-202611${d}-030000.db`));
    assert.deepEqual(readdirSync(sb.snapshotDir).sort(), files);
  });

  it("reports 'not configured' (ok, no alert) when dispatch.dir or dispatch.db is missing", async () => {
    for (const dispatch of ["none", "no-db"] as const) {
      const sb = backupSandbox({ dispatch });
      const r = await takeBackup(sb.deps());
      assert.equal(r.ok, true);
      assert.match(r.summary, /^not configured: /);
      assert.deepEqual(sb.notifier.events, []);
    }
  });

  it("deletes a copy that fails its check, never records it, alerts; the next good backup resolves the alert", async () => {
    const sb = backupSandbox();
    const good = join(sb.root, "good.db");
    copyFileSync(sb.dbPath, good);
    rmSync(sb.dbPath);
    createInconsistentDb(sb.dbPath);
    const bad = await takeBackup(sb.deps());
    assert.equal(bad.ok, false);
    assert.match(bad.summary, /^backup of .*dispatch\.db failed: .*integrity_check/);
    assert.deepEqual(readdirSync(sb.snapshotDir), []);
    assert.deepEqual(new SnapshotLedger(sb.store).list(), []);
    const alert = sb.book.find("backup", "backup", null);
    assert.deepEqual([alert?.severity, alert?.status, alert?.node, alert?.attempts], ["warning", "open", null, 1]);

    // A second failure updates the same incident rather than opening another.
    sb.advanceDays(1);
    await takeBackup(sb.deps());
    assert.equal(sb.book.find("backup", "backup", null)?.id, alert?.id);
    assert.equal(sb.book.find("backup", "backup", null)?.attempts, 2);

    copyFileSync(good, sb.dbPath);
    sb.advanceDays(1);
    const ok = await takeBackup(sb.deps());
    assert.equal(ok.ok, true, ok.summary);
    assert.equal(sb.book.find("backup", "backup", null), undefined);
    // Raised, a reminder the next day (still open), resolved.
    assert.deepEqual(sb.notifier.kinds(), [`raised ${alert?.id}`, `reminder ${alert?.id}`, `resolved ${alert?.id}`]);
  });

  it("refuses when free space is below 2 × dispatch.db + 64 MB (injected statfs), writes nothing, alerts", async () => {
    const sb = backupSandbox();
    const r = await takeBackup(sb.deps({ statfs: () => ({ bavail: 1000n, bsize: 4096n }) }));
    assert.equal(r.ok, false);
    assert.equal(r.outcome, "refused");
    assert.match(r.summary, /^backup refused: not enough free space in .*snapshots: 3\.9 MB free, need 64 MB \(2 × dispatch\.db \(0\.0 MB\) \+ 64 MB\); 0 kept, 0 pruned$/);
    assert.deepEqual(readdirSync(sb.snapshotDir), []);
    assert.match(sb.book.find("backup", "backup", null)?.message ?? "", /not enough free space/);
  });

  it("never lists files it did not record, and sweeps its own leftovers (not the guardian's)", async () => {
    const sb = backupSandbox();
    await takeBackup(sb.deps());
    const recorded = readdirSync(sb.snapshotDir);
    const strays = ["dispatch-20261101-030000.db", "dispatch-20261102-030000.db.tmp", "dispatch-20261102-030000.db.tmp-journal"];
    for (const f of [...strays, "dispatch-premigrate-20261101-000000.db"]) writeFileSync(join(sb.snapshotDir, f), "x");
    assert.deepEqual(new SnapshotLedger(sb.store).list().map((s) => s.file), recorded);

    sb.advanceDays(1);
    const r = await takeBackup(sb.deps());
    assert.deepEqual([...r.strays].sort(), [...strays].sort());
    assert.match(r.summary, /, 3 stray files removed$/);
    for (const f of strays) assert.equal(existsSync(join(sb.snapshotDir, f)), false, f);
    assert.equal(existsSync(join(sb.snapshotDir, "dispatch-premigrate-20261101-000000.db")), true);
  });

  it("runs as the scheduled job with the summary as the run's summary", async () => {
    const sb = backupSandbox();
    const ctx: JobContext = {
      config: sb.config, store: sb.store, log: sb.log, now: sb.now, dataDir: sb.dataDir, notifier: sb.notifier,
      ssh: {} as SshPool, signal: new AbortController().signal, trigger: "schedule",
    };
    assert.deepEqual(backupJob.schedule(sb.config), { cron: "0 3 * * *" });
    assert.equal(backupJob.changesNodes, false);
    const r = await backupJob.run(ctx);
    assert.equal(r.ok, true);
    assert.match(r.summary, /^dispatch-20261127-030000\.db, .* verified, 1 kept, 0 pruned$/);
  });
});

describe("backup file modes", () => {
  it("creates snapshots/ 0700 and the daily snapshot 0600 under umask 022", async () => {
    const sb = backupSandbox();
    const r = await withUmask(() => takeBackup(sb.deps()));
    assert.equal(r.ok, true, r.summary);
    assert.equal(modeOf(sb.snapshotDir), "0700");
    assert.equal(modeOf(join(sb.snapshotDir, r.snapshot!.file)), "0600");
  });
});
