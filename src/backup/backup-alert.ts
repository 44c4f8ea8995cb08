import type { AlertBook } from "../alerts/alert-book.ts";
import type { Alert } from "../alerts/types.ts";

// One alert for "backups are not being made", whatever the cause (disk space, a failed copy):
// one incident, updated in place, resolved by the next good backup. Raised on the first failure,
// not after `guardian.alertAfter`: backups run once a day, so waiting for a second failure would
// leave dispatch.db unprotected for two days before anyone heard of it.
const KEY = { source: "backup", check: "backup", node: null } as const;

export async function raiseBackupAlert(book: AlertBook, message: string): Promise<Alert> {
  const previous = book.find(KEY.source, KEY.check, KEY.node);
  return book.raise({ ...KEY, severity: "warning", message, attempts: (previous?.attempts ?? 0) + 1 });
}

export async function resolveBackupAlert(book: AlertBook): Promise<void> {
  await book.resolve(KEY.source, KEY.check, KEY.node);
}
