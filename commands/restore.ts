import { z } from "zod";
import { formatRows } from "../src/backup/format.ts";
import { restorePlan } from "../src/backup/restore-plan.ts";
import { restoreSnapshot, type RestoreReport } from "../src/backup/restore.ts";
import { SNAPSHOT_NAME_RE } from "../src/backup/snapshot-name.ts";
import { defineCommand } from "../src/command/types.ts";

// A bare file name as `backups` lists it: no paths, so restore reads only from snapshots/.
const snapshotName = z.string().regex(SNAPSHOT_NAME_RE, { message: "not a snapshot name; give the file name as \"oyster backups\" lists it, e.g. dispatch-20261127-030000.db" });

export const restore = defineCommand({
  name: "restore",
  summary: "Replace dispatch.db with a verified snapshot (a safety snapshot of the current one first)",
  usage: "restore <snapshot> [--force] [--json]",
  options: { force: { type: "boolean", description: "restore even while dispatch has running tasks" } },
  schema: z
    .object({ _: z.tuple([snapshotName], { message: "give one snapshot, as \"oyster backups\" lists it" }), force: z.boolean().optional() })
    .transform((a) => ({ snapshot: a._[0], force: a.force === true })),
  role: "admin",
  // Only at the controller: the operator must be where dispatch can be stopped and checked.
  slack: false,
  changesState: true,
  async plan(ctx, args) {
    return restorePlan(ctx.store, ctx.config, args.snapshot, args.force);
  },
  async run(ctx, args) {
    const report = await restoreSnapshot({ ...ctx, owner: ctx.caller.who }, args.snapshot, { force: args.force });
    return { ok: true, data: report };
  },
  text(r: RestoreReport) {
    const undo = r.safety ? `\nthe replaced database is ${r.safety} ("oyster restore ${r.safety}" undoes this)` : "";
    const forced = r.forced ? `\n--force: ${r.runningTasks} task(s) were running; dispatch's restored view does not know they started` : "";
    return `restored ${r.db} from ${r.snapshot} (taken ${r.takenAt}): ${formatRows(r.rows)}${undo}${forced}`;
  },
});
