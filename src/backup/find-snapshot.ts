import { OysterError } from "../errors.ts";
import type { SnapshotLedger, SnapshotRecord } from "./snapshot-ledger.ts";

/**
 * A snapshot by the name `backups` lists. Unknown names are a usage error (exit 2), like any
 * unknown name in the contract: a file that is in snapshots/ but not recorded is not a backup.
 */
export function findSnapshot(ledger: SnapshotLedger, file: string): SnapshotRecord {
  const record = ledger.get(file);
  if (!record) throw new OysterError("InvalidArgument", `unknown snapshot "${file}"; run "oyster backups" for the list`, { snapshot: file });
  return record;
}
