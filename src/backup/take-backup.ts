import { rmSync } from "node:fs";
import { join } from "node:path";
import type { AlertBook } from "../alerts/alert-book.ts";
import type { Config } from "../config/index.ts";
import { locateDispatch } from "../dispatch/read-db.ts";
import { snapshotDb } from "../dispatch/snapshot.ts";
import { readAheadOfBackup } from "../dispatch/status-reading.ts";
import { toOysterError } from "../errors.ts";
import { ensurePrivateDir } from "../files/private.ts";
import type { Logger } from "../log.ts";
import { NO_PROGRESS, type BackupPhase, type Progress } from "../progress/progress.ts";
import type { Store } from "../store/index.ts";
import { raiseBackupAlert, resolveBackupAlert } from "./backup-alert.ts";
import { formatBytes } from "./format.ts";
import { backupNeed, checkSpace, type StatfsFn } from "./free-space.ts";
import { pruneSnapshots, sweepStrays } from "./prune-snapshots.ts";
import { SnapshotLedger, type SnapshotRecord } from "./snapshot-ledger.ts";
import { snapshotFileName } from "./snapshot-name.ts";

export interface BackupDeps {
  config: Config;
  store: Store;
  log: Logger;
  now: () => Date;
  dataDir: string;
  alerts: AlertBook;
  /** Injected by tests that cannot mount a small file system. */
  statfs?: StatfsFn;
  signal?: AbortSignal;
  /** Told which step runs (the copy is one SQLite call in a worker: see snapshot.ts); nothing when absent. */
  progress?: Progress;
}

export interface BackupReport {
  ok: boolean;
  outcome: "not-configured" | "ok" | "refused" | "failed";
  summary: string;
  snapshot?: SnapshotRecord;
  error?: string;
  /** Files deleted by retention. */
  pruned: string[];
  /** Daily snapshots recorded after this run. */
  kept: number;
  /** Unrecorded files a crash had left in snapshots/, removed. */
  strays: string[];
  alert?: { id: string; status: string };
}

export function snapshotsDir(dataDir: string): string {
  return join(dataDir, "snapshots");
}

/**
 * One backup of dispatch.db, as the scheduled job and `oyster backup` both run it (callers hold
 * the `job:backup` lock): sweep leftovers, check free space, copy with snapshotDb, record, then
 * apply retention. Retention runs after a refused or failed copy too: that is when the disk most
 * needs the room, and the newest verified snapshot is never pruned.
 */
export async function takeBackup(deps: BackupDeps): Promise<BackupReport> {
  const where = locateDispatch(deps.config);
  if (where.state !== "ok") {
    const reason = where.state === "no-db" ? `${where.db} does not exist yet` : where.reason;
    return { ok: true, outcome: "not-configured", summary: `not configured: ${reason}`, pruned: [], kept: 0, strays: [] };
  }
  // At shutdown: no copy, and no alert either (stopping is not a backup failure).
  if (deps.signal?.aborted) return { ok: false, outcome: "failed", summary: "not taken: Oyster is shutting down", pruned: [], kept: 0, strays: [] };
  const progress = deps.progress ?? NO_PROGRESS;
  progress.start(2, "backup");
  try {
    return await backupSteps(deps, where.db, progress);
  } finally {
    progress.end();
  }
}

/** The copy, its record, retention and the alert: takeBackup's steps once dispatch.db is there. */
async function backupSteps(deps: BackupDeps, db: string, progress: Progress): Promise<BackupReport> {
  const where = { db };
  const phase = (done: number, p: BackupPhase) => progress.step(done, [p]);
  phase(0, "copy");
  const dir = snapshotsDir(deps.dataDir);
  ensurePrivateDir(dir);
  const ledger = new SnapshotLedger(deps.store);
  const strays = sweepStrays(ledger, dir, deps.log);

  let snapshot: SnapshotRecord | undefined;
  let failure: { outcome: "refused" | "failed"; message: string } | undefined;
  const space = checkSpace([backupNeed(dir, where.db)], deps.statfs);
  if (!space.ok) {
    failure = { outcome: "refused", message: `backup refused: ${space.message}` };
  } else {
    try {
      // Status serves this reading while the copy runs instead of scanning the tasks table then.
      await readAheadOfBackup(deps.store, where.db, deps.now, deps.log);
      snapshot = await copyAndRecord(ledger, where.db, dir, deps.now());
      deps.log.info({ file: snapshot.file, bytes: snapshot.bytes, durationMs: snapshot.durationMs, rows: snapshot.rows }, "backup taken");
    } catch (err) {
      failure = { outcome: "failed", message: `backup of ${where.db} failed: ${toOysterError(err).message}` };
    }
  }

  phase(1, "retention");
  const { pruned, kept } = pruneSnapshots(ledger, dir, deps.now(), deps.config.guardian.backup_retention_days, deps.log);
  // Before the failure's log line: on a terminal, stderr shares the line progress draws on.
  progress.end();
  const tail = `${kept} kept, ${pruned.length} pruned${strays.length ? `, ${strays.length} stray files removed` : ""}`;
  const base = { pruned, kept, strays };
  if (failure) {
    deps.log.error({ reason: failure.message }, "backup not taken");
    const alert = await raiseBackupAlert(deps.alerts, failure.message);
    return { ...base, ok: false, outcome: failure.outcome, error: failure.message, summary: `${failure.message}; ${tail}`, alert: { id: alert.id, status: alert.status } };
  }
  await resolveBackupAlert(deps.alerts);
  const s = snapshot!;
  return { ...base, ok: true, outcome: "ok", snapshot: s, summary: `${s.file}, ${formatBytes(s.bytes)}, verified, ${tail}` };
}

/** A copy that cannot be recorded is deleted: an unrecorded file never counts as a backup. */
async function copyAndRecord(ledger: SnapshotLedger, dbPath: string, dir: string, at: Date): Promise<SnapshotRecord> {
  const file = snapshotFileName(dir, "daily", at, (f) => ledger.has(f));
  const snap = await snapshotDb(dbPath, join(dir, file));
  const record: SnapshotRecord = {
    file, kind: "daily", takenAt: at.toISOString(), bytes: snap.bytes, sha256: snap.sha256, rows: snap.rows, verdict: "ok", durationMs: snap.durationMs,
  };
  try {
    ledger.record(record);
  } catch (err) {
    rmSync(snap.path, { force: true });
    throw err;
  }
  return record;
}
