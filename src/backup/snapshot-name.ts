import { existsSync } from "node:fs";
import { join } from "node:path";

/** How `backups` lists snapshots and `restore` accepts them: a bare file name, never a path. */
export const SNAPSHOT_NAME_RE = /^dispatch-[\w.-]+\.db$/;

export type SnapshotKind = "daily" | "safety";

/** 2026-11-27T03:00:00Z -> "20261127-030000": UTC, as the contract wants times in file names. */
export function fileStamp(at: Date): string {
  return at.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
}

/**
 * `dispatch-20261127-030000.db` for the daily backup, `dispatch-safety-20261127-030000.db` for
 * the copy restore takes first. A second snapshot in the same second (a manual `oyster backup`
 * right after the scheduled one) gets `-2`, `-3`: refusing it would raise a needless alert.
 */
export function snapshotFileName(dir: string, kind: SnapshotKind, at: Date, taken: (file: string) => boolean = () => false): string {
  const base = `dispatch-${kind === "safety" ? "safety-" : ""}${fileStamp(at)}`;
  for (let n = 1; ; n++) {
    const file = n === 1 ? `${base}.db` : `${base}-${n}.db`;
    if (!taken(file) && !existsSync(join(dir, file)) && !existsSync(join(dir, `${file}.tmp`))) return file;
  }
}

// The names this code gives its own files, and the leftovers snapshotDb can leave behind (its
// `.tmp` copy and that copy's journal). The guardian's `dispatch-premigrate-*` never match.
const OWN_FILE_RE = /^dispatch-(?:safety-)?\d{8}-\d{6}(?:-\d+)?\.db(?:\.tmp)?(?:-wal|-shm|-journal)?$/;

/** True for files in snapshots/ that this module made (recorded or left over by a crash). */
export function isOwnSnapshotFile(file: string): boolean {
  return OWN_FILE_RE.test(file);
}
