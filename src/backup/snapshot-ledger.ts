import type { Db, Store } from "../store/index.ts";

/**
 * "ok": integrity_check passed and the sha256 was taken. A later check (restore verifies first)
 * can turn it into "corrupt" (changed on disk, or failing integrity_check) or "missing" (file gone).
 */
export type SnapshotVerdict = "ok" | "corrupt" | "missing";

/** One row of state.db's `snapshots` table: the only list of backups that `backups` shows. */
export interface SnapshotRecord {
  file: string;
  kind: string;
  takenAt: string;
  bytes: number;
  sha256: string;
  /** Row count per table in the copy. */
  rows: Record<string, number>;
  verdict: string;
  durationMs: number | null;
}

type Row = { file: string; kind: string; taken_at: string; bytes: number; sha256: string; rows: string; verdict: string; duration_ms: number | null };

const toRecord = (r: Row): SnapshotRecord => ({
  file: r.file, kind: r.kind, takenAt: r.taken_at, bytes: r.bytes, sha256: r.sha256,
  rows: JSON.parse(r.rows) as Record<string, number>, verdict: r.verdict, durationMs: r.duration_ms,
});

/**
 * The `snapshots` table. A file is recorded only after snapshotDb has checked, hashed and
 * renamed it into place, so a row means "this copy was whole when taken"; a file without a row
 * (a crash mid-copy, a copy that failed its check) is never offered as a backup.
 */
export class SnapshotLedger {
  constructor(private readonly store: Store) {}

  /** Newest first. */
  list(): SnapshotRecord[] {
    return (this.store.db.prepare("SELECT * FROM snapshots ORDER BY taken_at DESC, file DESC").all() as Row[]).map(toRecord);
  }

  get(file: string): SnapshotRecord | undefined {
    const row = this.store.db.prepare("SELECT * FROM snapshots WHERE file = ?").get(file) as Row | undefined;
    return row ? toRecord(row) : undefined;
  }

  has(file: string): boolean {
    return this.store.db.prepare("SELECT 1 FROM snapshots WHERE file = ?").get(file) !== undefined;
  }

  record(r: SnapshotRecord): void {
    this.store.db
      .prepare("INSERT INTO snapshots (file, kind, taken_at, bytes, sha256, rows, verdict, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .run(r.file, r.kind, r.takenAt, r.bytes, r.sha256, JSON.stringify(r.rows), r.verdict, r.durationMs === null ? null : Math.round(r.durationMs));
  }

  setVerdict(file: string, verdict: SnapshotVerdict): void {
    this.store.db.prepare("UPDATE snapshots SET verdict = ? WHERE file = ?").run(verdict, file);
  }

  remove(file: string): void {
    this.store.db.prepare("DELETE FROM snapshots WHERE file = ?").run(file);
  }
}

export interface LastBackup {
  file: string;
  takenAt: string;
  bytes: number;
  verdict: string;
}

/** The newest daily backup, for a report's "last backup (age, size, verified)". */
export function lastBackup(db: Db): LastBackup | undefined {
  const row = db
    .prepare("SELECT file, taken_at AS takenAt, bytes, verdict FROM snapshots WHERE kind = 'daily' ORDER BY taken_at DESC, file DESC LIMIT 1")
    .get() as LastBackup | undefined;
  return row;
}
