import { linkSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Config } from "../config/index.ts";
import { locateDispatch } from "../dispatch/read-db.ts";
import { removeOrphans, removeWithJournals } from "../dispatch/durable-file.ts";
import { snapshotDb } from "../dispatch/snapshot.ts";
import { runSqliteJob } from "../dispatch/sqlite-worker-client.ts";
import { OysterError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { Store } from "../store/index.ts";
import { otherOpeners } from "../files/openers.ts";
import { sweepStrays } from "./prune-snapshots.ts";
import { findSnapshot } from "./find-snapshot.ts";
import { formatBytes } from "./format.ts";
import { matchLiveFile } from "./match-live-file.ts";
import { checkSpace, dbBytes, type SpaceNeed, type StatfsFn } from "./free-space.ts";
import { runningTasks } from "./running-tasks.ts";
import { SnapshotLedger } from "./snapshot-ledger.ts";
import { snapshotFileName } from "./snapshot-name.ts";
import { convertToWal, replaceDb } from "../dispatch/swap-db.ts";
import { snapshotsDir } from "./take-backup.ts";
import { rowCounts, verifySnapshot } from "./verify-snapshot.ts";

export interface RestoreDeps {
  config: Config;
  store: Store;
  log: Logger;
  now: () => Date;
  dataDir: string;
  /** Who holds the backup lock meanwhile, for "busy" messages: `cli:alice`. */
  owner: string;
  statfs?: StatfsFn;
}

export interface RestoreReport {
  snapshot: string;
  takenAt: string;
  db: string;
  /** The copy of the replaced dispatch.db (restore it to undo); null when there was none. */
  safety: string | null;
  /** Row counts read back from the restored dispatch.db (equal to the snapshot's). */
  rows: Record<string, number>;
  runningTasks: number;
  forced: boolean;
  durationMs: number;
}

/** How long restore waits for a backup in progress (it shares the backup job's lock). */
const WAIT_FOR_BACKUP_MS = 30_000;

/**
 * Puts a recorded snapshot back as dispatch.db. Under the `job:backup` lock, so a backup (or its
 * retention) never runs halfway through; not recorded in job_runs: the audit table already has
 * the command, who ran it and its outcome. Refusals throw CommandFailed (exit 1) and change
 * nothing in dispatch's dir.
 */
export function restoreSnapshot(deps: RestoreDeps, file: string, opts: { force: boolean }): Promise<RestoreReport> {
  return deps.store.withLock("job:backup", { label: deps.owner, waitMs: WAIT_FOR_BACKUP_MS }, () => restoreLocked(deps, file, opts.force));
}

async function restoreLocked(deps: RestoreDeps, file: string, force: boolean): Promise<RestoreReport> {
  const started = performance.now();
  const ledger = new SnapshotLedger(deps.store);
  const record = findSnapshot(ledger, file);
  const where = locateDispatch(deps.config);
  if (where.state === "not-configured") throw new OysterError("NotConfigured", `cannot restore: ${where.reason}`);
  const dir = snapshotsDir(deps.dataDir);
  // A restore killed mid-way (SIGKILL, power) left its copy beside dispatch.db and perhaps a
  // safety snapshot's temp file: both are as big as the database, and only this lock's holder
  // may judge them dead. dispatch.db itself was never touched by them: the swap is one rename.
  const orphans = removeOrphans(dirname(where.db), new RegExp(`^${escapeRegExp(basename(where.db))}\\.restore-(\\d+)\\.tmp(?:-wal|-shm|-journal)?$`));
  if (orphans.length > 0) deps.log.info({ files: orphans }, "work files of an interrupted restore removed");
  sweepStrays(ledger, dir, deps.log);

  const verified = await verifySnapshot(join(dir, file), record);
  if (!verified.ok) {
    ledger.setVerdict(file, verified.verdict);
    throw new OysterError("CommandFailed", `refusing to restore: ${verified.problem}`, { snapshot: file });
  }

  const current = where.state === "ok";
  const running = current ? runningTasks(where.db) : { count: 0, ids: [] };
  if (running.count > 0 && !force) {
    throw new OysterError("CommandFailed", `refusing to restore: dispatch has ${running.count} running task(s) (ids ${running.ids.join(", ")}${running.count > running.ids.length ? ", ..." : ""}); the restored database would not know they started. Wait for them, or pass --force`, { running: running.count });
  }
  // --force does not cover this one: replacing a database under an open connection loses writes.
  const openers = current ? otherOpeners(where.db) : [];
  if (openers.length > 0) {
    throw new OysterError("CommandFailed", `refusing to restore: ${where.db} is open in process ${openers.join(", ")} (dispatch running?): stop dispatch, then restore`, { pids: openers });
  }

  const needs: SpaceNeed[] = [{ dir: dirname(where.db), bytes: record.bytes, what: `the snapshot's copy (${formatBytes(record.bytes)})` }];
  if (current) needs.push({ dir, bytes: dbBytes(where.db), what: `the safety snapshot (${formatBytes(dbBytes(where.db))})` });
  const space = checkSpace(needs, deps.statfs);
  if (!space.ok) throw new OysterError("CommandFailed", `refusing to restore: ${space.message}`, { freeBytes: space.freeBytes, needBytes: space.needBytes });

  const safety = current ? await takeSafetySnapshot(ledger, where.db, dir, deps.now()) : null;
  if (safety) deps.log.info({ file: safety }, "safety snapshot taken before restore");

  const temp = join(dirname(where.db), `${basename(where.db)}.restore-${process.pid}.tmp`);
  try {
    removeWithJournals(temp);
    // Copy and hash in the worker: both read the whole snapshot, and Slack waits on this thread.
    const copied = await runSqliteJob("copyFile", { from: join(dir, file), to: temp });
    if (copied.sha256 !== record.sha256) throw new OysterError("CommandFailed", `the copy of ${file} next to dispatch.db differs from the snapshot; nothing was replaced`);
    convertToWal(temp);
    const matched = matchLiveFile(temp, where.db);
    if (!matched.ownerKept) deps.log.warn({ db: where.db }, "restored dispatch.db is owned by this user, not by the owner of the file it replaced (only root can give it back)");
    if (current) replaceDb(where.db, temp);
    else linkNew(temp, where.db);
  } finally {
    removeWithJournals(temp);
  }

  const rows = await rowCounts(where.db);
  if (!sameCounts(rows, record.rows)) {
    throw new OysterError("CommandFailed", `dispatch.db was replaced but its rows (${JSON.stringify(rows)}) differ from the snapshot's (${JSON.stringify(record.rows)})`);
  }
  const report = { snapshot: file, takenAt: record.takenAt, db: where.db, safety, rows, runningTasks: running.count, forced: force && running.count > 0, durationMs: performance.now() - started };
  deps.log.warn({ snapshot: file, safety, runningTasks: running.count, forced: report.forced }, "dispatch.db restored from snapshot");
  return report;
}

async function takeSafetySnapshot(ledger: SnapshotLedger, dbPath: string, dir: string, at: Date): Promise<string> {
  const file = snapshotFileName(dir, "safety", at, (f) => ledger.has(f));
  const snap = await snapshotDb(dbPath, join(dir, file));
  ledger.record({ file, kind: "safety", takenAt: at.toISOString(), bytes: snap.bytes, sha256: snap.sha256, rows: snap.rows, verdict: "ok", durationMs: snap.durationMs });
  return file;
}

/** No dispatch.db to replace: link, which fails rather than overwrite one dispatch made meanwhile. */
function linkNew(temp: string, dbPath: string): void {
  try {
    linkSync(temp, dbPath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    throw new OysterError("CommandFailed", `${dbPath} appeared while restoring (dispatch started?); nothing was replaced`);
  }
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
