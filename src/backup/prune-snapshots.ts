import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "../log.ts";
import { planRetention } from "./retention.ts";
import { SnapshotLedger } from "./snapshot-ledger.ts";
import { isOwnSnapshotFile } from "./snapshot-name.ts";

export interface PruneResult {
  pruned: string[];
  /** Daily snapshots still recorded afterwards. */
  kept: number;
}

/**
 * Applies the retention plan. The row goes first, then the file: a crash in between leaves an
 * unrecorded file (never listed, swept by the next run), never a listed backup with no file.
 */
export function pruneSnapshots(ledger: SnapshotLedger, dir: string, now: Date, retentionDays: number, log: Logger): PruneResult {
  const plan = planRetention(ledger.list(), now, retentionDays);
  for (const h of plan.heldBack) log.debug({ file: h.file, reason: h.reason }, "snapshot kept past retention");
  for (const file of plan.prune) {
    ledger.remove(file);
    removeQuietly(join(dir, file), log);
  }
  return { pruned: plan.prune, kept: ledger.list().filter((s) => s.kind === "daily").length };
}

/**
 * Removes what a crash left in snapshots/: snapshotDb's `.tmp` copies, and finished copies whose
 * row was never written. Both are dead weight on the disk a backup needs. Only names this module
 * gives its files are touched (the guardian's `dispatch-premigrate-*` are its own); callers hold
 * the backup job's lock, so no copy of ours is in flight.
 */
export function sweepStrays(ledger: SnapshotLedger, dir: string, log: Logger): string[] {
  if (!existsSync(dir)) return [];
  const strays = readdirSync(dir).filter((f) => {
    if (!isOwnSnapshotFile(f)) return false;
    if (f.includes(".db.tmp")) return true;
    return !ledger.has(f.replace(/-(?:wal|shm|journal)$/, ""));
  });
  for (const f of strays) removeQuietly(join(dir, f), log);
  if (strays.length > 0) log.info({ files: strays }, "unrecorded snapshot files removed");
  return strays;
}

function removeQuietly(path: string, log: Logger): void {
  try {
    rmSync(path, { force: true });
  } catch (err) {
    log.warn({ err, path }, "snapshot file removal failed");
  }
}
