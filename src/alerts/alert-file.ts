import { rmSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../files/atomic-write.ts";
import type { Alert } from "./types.ts";

/** `OYSTER_DATA_DIR/guardian_alerts`: the contract's name, for every source's alerts. */
export function alertsDir(dataDir: string): string {
  return join(dataDir, "guardian_alerts");
}

export function alertFilePath(dataDir: string, id: string): string {
  return join(alertsDir(dataDir), `${id}.json`);
}

/** Exactly the contract's fields, in its order: outside tools read these files. */
export function alertFileDoc(a: Alert): Alert {
  return {
    id: a.id,
    source: a.source,
    check: a.check,
    node: a.node,
    nodes: a.nodes,
    severity: a.severity,
    status: a.status,
    first_seen: a.first_seen,
    last_seen: a.last_seen,
    resolved_at: a.resolved_at,
    attempts: a.attempts,
    message: a.message,
    ...(a.acknowledged ? { acknowledged: a.acknowledged } : {}),
    ...(a.snoozed ? { snoozed: a.snoozed } : {}),
  };
}

export function writeAlertFile(dataDir: string, alert: Alert): void {
  writeFileAtomic(alertFilePath(dataDir, alert.id), `${JSON.stringify(alertFileDoc(alert), null, 2)}\n`);
}

export function removeAlertFile(dataDir: string, id: string): void {
  rmSync(alertFilePath(dataDir, id), { force: true });
}
