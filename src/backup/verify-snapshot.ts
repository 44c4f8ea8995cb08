import { existsSync } from "node:fs";
import { openDispatchReadOnly } from "../dispatch/read-db.ts";
import { sha256Stream } from "./sha256-stream.ts";
import type { SnapshotRecord } from "./snapshot-ledger.ts";

export type Verification = { ok: true } | { ok: false; verdict: "corrupt" | "missing"; problem: string };

/**
 * Proves a snapshot is still the copy that was recorded: sha256 equal to the one taken when it
 * was made (nothing changed it on disk since), and integrity_check (it was whole then, and the
 * hash says it is the same bytes; the check also catches a record written for a bad copy).
 */
export async function verifySnapshot(path: string, record: SnapshotRecord): Promise<Verification> {
  if (!existsSync(path)) return { ok: false, verdict: "missing", problem: `${record.file} is recorded but its file is gone` };
  const sha = await sha256Stream(path);
  if (sha !== record.sha256) return { ok: false, verdict: "corrupt", problem: `${record.file} has changed on disk since it was taken (sha256 ${sha.slice(0, 12)}…, recorded ${record.sha256.slice(0, 12)}…)` };
  const problems = integrityProblems(path);
  if (problems.length > 0) return { ok: false, verdict: "corrupt", problem: `${record.file} fails integrity_check: ${problems.slice(0, 3).join("; ")}` };
  return { ok: true };
}

function integrityProblems(path: string): string[] {
  let db;
  try {
    db = openDispatchReadOnly(path);
    const rows = (db.pragma("integrity_check") as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
    return rows.length === 1 && rows[0] === "ok" ? [] : rows;
  } catch (err) {
    return [(err as Error).message];
  } finally {
    db?.close();
  }
}

/** Row counts per table of a database, read-only: to show a restored dispatch.db holds the snapshot's rows. */
export function rowCounts(path: string): Record<string, number> {
  const db = openDispatchReadOnly(path);
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM "${t.replaceAll('"', '""')}"`).pluck().get() as number]));
  } finally {
    db.close();
  }
}
