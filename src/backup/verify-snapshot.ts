import { existsSync } from "node:fs";
import { runSqliteJob } from "../dispatch/sqlite-worker-client.ts";
import type { SnapshotRecord } from "./snapshot-ledger.ts";

export type Verification = { ok: true } | { ok: false; verdict: "corrupt" | "missing"; problem: string };

/**
 * Proves a snapshot is still the copy that was recorded: sha256 equal to the one taken when it
 * was made (nothing changed it on disk since), and integrity_check (it was whole then, and the
 * hash says it is the same bytes; the check also catches a record written for a bad copy). Both
 * read the whole file, so they run in the SQLite worker thread.
 */
export async function verifySnapshot(path: string, record: SnapshotRecord): Promise<Verification> {
  if (!existsSync(path)) return { ok: false, verdict: "missing", problem: `${record.file} is recorded but its file is gone` };
  const { sha256: sha, problems } = await runSqliteJob("verify", { path, sha256: record.sha256 });
  if (problems === null) return { ok: false, verdict: "corrupt", problem: `${record.file} has changed on disk since it was taken (sha256 ${sha.slice(0, 12)}…, recorded ${record.sha256.slice(0, 12)}…)` };
  if (problems.length > 0) return { ok: false, verdict: "corrupt", problem: `${record.file} fails integrity_check: ${problems.slice(0, 3).join("; ")}` };
  return { ok: true };
}

/** Row counts per table of a database, read-only (in the worker: COUNT(*) walks every row): to show a restored dispatch.db holds the snapshot's rows. */
export function rowCounts(path: string): Promise<Record<string, number>> {
  return runSqliteJob("rowCounts", { path });
}
