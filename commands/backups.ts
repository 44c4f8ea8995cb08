import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { formatBytes, formatRows } from "../src/backup/format.ts";
import { SnapshotLedger, type SnapshotRecord } from "../src/backup/snapshot-ledger.ts";
import { snapshotsDir } from "../src/backup/take-backup.ts";
import { noPositionals } from "../src/command/arg-schemas.ts";
import { defineCommand } from "../src/command/types.ts";
import { table } from "../src/render/table.ts";
import { utcMinute } from "../src/render/utc-time.ts";

export interface BackupsData {
  dir: string;
  snapshots: Array<SnapshotRecord & { verified: boolean; present: boolean }>;
}

const when = (iso: string) => utcMinute(iso);

// Listed from the ledger, never from the directory: a file without a row (a crash mid-copy, the
// guardian's pre-migration copies) is not a backup anyone should restore by accident.
export const backups = defineCommand({
  name: "backups",
  summary: "Snapshots of dispatch.db that can be restored: file, kind, time, size, verified, rows",
  usage: "backups [--json]",
  schema: z.object({ _: noPositionals }).transform(() => ({})),
  role: "viewer",
  changesState: false,
  async run(ctx) {
    const dir = snapshotsDir(ctx.dataDir);
    const snapshots = new SnapshotLedger(ctx.store).list().map((s) => {
      const present = existsSync(join(dir, s.file));
      return { ...s, present, verified: present && s.verdict === "ok" };
    });
    return { ok: true, data: { dir, snapshots } };
  },
  text(data: BackupsData) {
    if (data.snapshots.length === 0) return `No backups yet in ${data.dir} ("oyster backup" takes one now).`;
    return table(
      ["FILE", "KIND", "TAKEN (UTC)", "SIZE", "VERIFIED", "ROWS"],
      data.snapshots.map((s) => [s.file, s.kind, when(s.takenAt), formatBytes(s.bytes), s.present ? (s.verified ? "yes" : s.verdict) : "file missing", formatRows(s.rows)]),
    );
  },
});
