import type { Config } from "../../config/index.ts";
import { lastBackup } from "../../backup/snapshot-ledger.ts";
import { locateDispatch } from "../../dispatch/read-db.ts";
import type { Db } from "../../store/index.ts";
import { oneLine } from "../../render/one-line.ts";
import type { BackupSection } from "../types.ts";

/**
 * The newest daily backup of dispatch.db in the snapshot ledger. Only kind "daily" (what the
 * backup job records): the "safety" copy a restore takes first would hide a backup job that has
 * stopped running. A backup on record is shown even if dispatch.dir has since gone away.
 */
export function gatherBackup(db: Db, config: Config, now: Date): BackupSection {
  const row = lastBackup(db);
  if (!row) {
    // The short reason: Tasks already says where dispatch.dir was looked for and how to set it.
    return locateDispatch(config).state === "not-configured" ? { state: "not-configured", reason: "no dispatch.dir" } : { state: "none" };
  }
  return {
    state: "ok",
    file: oneLine(row.file, 200),
    kind: "daily",
    takenAt: row.takenAt,
    ageSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(row.takenAt)) / 1000)),
    bytes: row.bytes,
    // "verified" means the copy passed its integrity check; any other verdict is shown as is.
    verified: row.verdict === "ok",
    verdict: oneLine(row.verdict, 100),
  };
}
