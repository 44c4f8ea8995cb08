import type { Plan } from "../command/types.ts";
import type { Config } from "../config/index.ts";
import { locateDispatch } from "../dispatch/read-db.ts";
import { OysterError } from "../errors.ts";
import type { Store } from "../store/index.ts";
import { findSnapshot } from "./find-snapshot.ts";
import { formatBytes, formatRows } from "./format.ts";
import { runningTasks } from "./running-tasks.ts";
import { SnapshotLedger } from "./snapshot-ledger.ts";


/**
 * What `restore` will do, shown before it asks. Looking the snapshot up here makes an unknown
 * name fail before any question is asked (exit 2), with or without --yes.
 */
export function restorePlan(store: Store, config: Config, file: string, force: boolean): Plan {
  const record = findSnapshot(new SnapshotLedger(store), file);
  const where = locateDispatch(config);
  if (where.state === "not-configured") throw new OysterError("NotConfigured", `cannot restore: ${where.reason}`);
  const current = where.state === "ok";
  let running = "unknown";
  if (current) {
    try {
      running = String(runningTasks(where.db).count);
    } catch (err) {
      running = `unknown (${(err as Error).message})`;
    }
  }
  const steps = [
    `verify ${file}: sha256 equal to the recorded one, integrity_check ok`,
    current
      ? force
        ? `--force: go ahead even with running tasks (${running} now); dispatch will not know they started`
        : `refuse if dispatch has running tasks (${running} now)`
      : `${where.db} does not exist: nothing is replaced`,
    ...(current ? [`refuse if another process has ${where.db} open (stop dispatch first)`] : []),
    ...(current ? [`take a safety snapshot of the current dispatch.db first (snapshots/dispatch-safety-<time>.db; restore that to undo)`] : []),
    `copy the snapshot next to dispatch.db, switch the copy to WAL mode, and rename it over ${where.db} (the old -wal and -shm are removed under an exclusive lock)`,
  ];
  return { summary: `Replace ${where.db} with ${file} (taken ${record.takenAt}, ${formatBytes(record.bytes)}; ${formatRows(record.rows)})`, steps };
}
