import { join } from "node:path";
import { AuditLog } from "./audit.ts";
import { JobRuns } from "./job-runs.ts";
import { acquireLock, withLock, type LockOptions } from "./lock.ts";
import { migrate } from "./migrations.ts";
import { openDb, type Db } from "./open-db.ts";

export { AuditLog, type AuditRow, type AuditDecision } from "./audit.ts";
export { JobRuns, type JobRun, type JobTrigger } from "./job-runs.ts";
export { acquireLock, withLock, type LockOptions, type HeldLock } from "./lock.ts";
export { migrate, MIGRATIONS } from "./migrations.ts";
export { openDb, type Db } from "./open-db.ts";

/** state.db: everything the CLI and the bot must agree on lives here. */
export class Store {
  readonly audit: AuditLog;
  readonly jobRuns: JobRuns;
  readonly schemaVersion: number;

  constructor(readonly db: Db, now: () => Date = () => new Date()) {
    this.schemaVersion = migrate(db);
    this.audit = new AuditLog(db, now);
    this.jobRuns = new JobRuns(db, now);
  }

  lock(name: string, opts: LockOptions) {
    return acquireLock(this.db, name, opts);
  }

  withLock<T>(name: string, opts: LockOptions, fn: () => Promise<T>): Promise<T> {
    return withLock(this.db, name, opts, fn);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export function openStore(dataDir: string, now?: () => Date): Store {
  return new Store(openDb(join(dataDir, "state.db")), now);
}
