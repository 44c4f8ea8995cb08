import { z } from "zod";
import { noPositionals } from "../src/command/arg-schemas.ts";
import { defineCommand } from "../src/command/types.ts";
import { dbHealthText } from "../src/troubleshoot/db-health-text.ts";
import { dbUnhealthy, dispatchDbHealth, type DbHealth } from "../src/troubleshoot/dispatch-db-health.ts";

/**
 * dispatch.db health, replacing the runbook's Python lock check. Exit 1 when the database cannot
 * be read or another process held its write lock for the whole probe; "not configured" is exit 0,
 * as everywhere (nothing is wrong with what is not there).
 */
export const db = defineCommand({
  name: "db",
  summary: "dispatch.db health: journal mode, sizes, tasks by status, running tasks (oldest first), whether a write lock is held",
  usage: "db [--json]",
  schema: z.object({ _: noPositionals }).transform(() => ({})),
  // Running tasks, and a probe that takes dispatch.db's write lock for up to 500 ms.
  role: "operator",
  changesState: false,
  async run(ctx): Promise<{ ok: boolean; data: DbHealth }> {
    const health = await dispatchDbHealth(ctx.config, { now: ctx.now, offThread: ctx.sqliteOffThread === true });
    return { ok: !dbUnhealthy(health), data: health };
  },
  text: dbHealthText,
});
