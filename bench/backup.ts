// Backing up a ~1 GB dispatch.db while dispatch's stand-in commits as fast as it can: Oyster's
// snapshotDb (every page in one backup step, then integrity_check and sha256) against what an
// operator would run instead, `sqlite3 dispatch.db ".backup dest"` and `cp`, each with its own
// writer so the writer's worst commit shows what each one costs dispatch. One run each: a run
// takes seconds to minutes, and `.backup` under a writer is expected not to finish at all.
// Alone: `npm run bench -- backup`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { snapshotDb } from "../src/dispatch/snapshot.ts";
import { createOldDispatchDb } from "../test/helpers/fixtures/dispatch-dbs.ts";
import { startDispatchWriter, type WriterReport } from "../test/helpers/fixtures/run-dispatch-writer.ts";
import { expect, stats, timed, type Row } from "./measure.ts";

export const BLOB_MB = 1000;
const CLI_TIMEOUT_MS = 120_000;

/** ~1 GB in seconds: 1 MiB random blobs in one transaction (no hex, no per-row commits). */
export function buildDb(path: string): void {
  createOldDispatchDb(path, { tasks: 50_000 });
  const db = new Database(path);
  try {
    db.exec("CREATE TABLE task_blobs (task_id INTEGER, data BLOB)");
    db.prepare(`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ?) INSERT INTO task_blobs SELECT i, randomblob(1048576) FROM c`).run(BLOB_MB);
  } finally {
    db.close();
  }
}

interface Measured {
  ms: number;
  finished: boolean;
  writer: WriterReport;
  check: string;
}

/** Runs `copy` while a fresh writer commits; the copy at `dest` is checked, then deleted. */
async function underWriter(db: string, dir: string, dest: string, copy: () => Promise<{ ms: number; finished: boolean }>): Promise<Measured> {
  const writer = await startDispatchWriter(db, dir, Math.ceil(CLI_TIMEOUT_MS / 1000) + 60);
  let result: { ms: number; finished: boolean };
  let report: WriterReport;
  try {
    await sleep(1000);
    result = await copy();
    await sleep(200);
  } finally {
    report = await writer.stop();
  }
  const check = result.finished ? quickCheck(dest) : "-";
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(`${dest}${suffix}`, { force: true });
  return { ...result, writer: report, check };
}

function quickCheck(path: string): string {
  try {
    const lines = execFileSync("sqlite3", [path, "PRAGMA quick_check"], { encoding: "utf8", timeout: 60_000 }).trim().split("\n");
    return lines[0] === "ok" && lines.length === 1 ? "ok" : `FAILED (${lines.length} problems, e.g. ${lines.slice(0, 2).join(" ")})`;
  } catch (err) {
    return `failed: ${(err as Error).message.split("\n")[0]}`;
  }
}

async function cli(cmd: string, args: string[]): Promise<{ ms: number; finished: boolean }> {
  const r = await timed(cmd, args, { timeoutMs: CLI_TIMEOUT_MS });
  return { ms: r.ms, finished: r.code === 0 };
}

export async function backupBench(log: (s: string) => void): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), "oyster-bench-backup-"));
  try {
    const db = join(dir, "dispatch.db");
    const dest = join(dir, "copy.db");
    log(`building a ~${BLOB_MB} MB dispatch.db...`);
    const t0 = performance.now();
    buildDb(db);
    const mb = statSync(db).size / 1e6;
    log(`built ${mb.toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    log("snapshotDb under a writer...");
    const ours = await underWriter(db, dir, dest, async () => {
      const s = performance.now();
      await snapshotDb(db, dest);
      return { ms: performance.now() - s, finished: true };
    });
    log("cp under a writer...");
    const cp = await underWriter(db, dir, dest, () => cli("cp", [db, dest]));
    log(`sqlite3 .backup under a writer (gives up after ${CLI_TIMEOUT_MS / 1000} s)...`);
    const dotBackup = await underWriter(db, dir, dest, () => cli("sqlite3", [db, `.backup ${dest}`]));
    log("sqlite3 .backup with no writer, for scale...");
    const idle = await cli("sqlite3", [db, `.backup ${dest}`]);
    rmSync(dest, { force: true });

    for (const [name, m] of [["snapshotDb", ours], ["cp", cp], ["sqlite3 .backup", dotBackup]] as const) {
      log(`${name}: ${m.finished ? `${(m.ms / 1000).toFixed(1)} s` : `did not finish in ${CLI_TIMEOUT_MS / 1000} s`}, copy quick_check ${m.check}; ` +
        `writer ${m.writer.commits} commits (${Math.round(m.writer.rate)}/s), worst commit ${m.writer.worstMs.toFixed(0)} ms, failures ${m.writer.failures}`);
    }
    expect(ours.check === "ok", `snapshotDb copy quick_check: ${ours.check}`);
    expect(ours.writer.failures === 0, `the writer failed ${ours.writer.failures} commits during snapshotDb`);

    const size = `${(mb / 1000).toFixed(1)} GB`;
    const dnf = dotBackup.finished ? "" : ` (did not finish in ${CLI_TIMEOUT_MS / 1000} s)`;
    return [
      { scenario: `backup ${size} dispatch.db under a writer: snapshotDb vs sqlite3 .backup${dnf}`, oyster: stats([ours.ms]), baseline: stats([dotBackup.ms]) },
      { scenario: `backup ${size} dispatch.db under a writer: snapshotDb vs cp (not a consistent copy)`, oyster: stats([ours.ms]), baseline: stats([cp.ms]) },
      { scenario: `backup ${size} dispatch.db: snapshotDb under a writer vs sqlite3 .backup, no writer`, oyster: stats([ours.ms]), baseline: stats([idle.ms]) },
      { scenario: "writer's worst commit: during snapshotDb vs during sqlite3 .backup", oyster: stats([ours.writer.worstMs]), baseline: stats([dotBackup.writer.worstMs]) },
      { scenario: "writer's worst commit: during snapshotDb vs during cp", oyster: stats([ours.writer.worstMs]), baseline: stats([cp.writer.worstMs]) },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
