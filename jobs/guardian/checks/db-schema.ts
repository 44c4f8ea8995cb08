import { join } from "node:path";
import { inspectDispatchSchema, type SchemaState } from "../../../src/dispatch/schema.ts";
import { migrateDispatchDb } from "../../../src/dispatch/migrate.ts";
import { locateDispatch } from "../../../src/dispatch/read-db.ts";
import { OysterError } from "../../../src/errors.ts";
import type { Detection, FleetCheck } from "./types.ts";

function describe(state: SchemaState): string {
  switch (state.kind) {
    case "missing": return "dispatch.db does not exist";
    case "current": return `dispatch.db at schema version ${state.version}`;
    case "outdated": return `dispatch.db at schema version ${state.version}, missing ${state.missing.join(", ")}`;
    case "unrecognised": return `dispatch.db has a schema Oyster does not recognise: ${state.problems.join("; ")}`;
  }
}

/**
 * dispatch.db exists with the contract's schema. Fix: snapshot first, then create or migrate in
 * one transaction, then verify. Oyster never creates dispatch.dir itself.
 */
export const dbSchema: FleetCheck = {
  name: "db_schema",
  scope: "fleet",
  async detect(ctx): Promise<Detection> {
    const where = locateDispatch(ctx.config);
    if (where.state === "not-configured") return { skip: `not configured: ${where.reason}` };
    const db = ctx.config.oyster.dispatch.db;
    const state: SchemaState = where.state === "no-db" ? { kind: "missing" } : inspectDispatchSchema(db);
    if (state.kind === "current") return { ok: true, detail: describe(state) };
    if (state.kind === "unrecognised") return { ok: false, severity: "critical", detail: describe(state), noFix: "left untouched: fix it by hand or restore a snapshot" };
    return {
      ok: false,
      severity: "critical",
      detail: describe(state),
      fix: async () => {
        const result = await migrateDispatchDb(db, { snapshotDir: join(ctx.dataDir, "snapshots"), now: ctx.now });
        const after = inspectDispatchSchema(db);
        if (after.kind !== "current") throw new OysterError("CommandFailed", `after the migration ${describe(after)}`);
        if (result.created) return `created dispatch.db at schema version ${result.to}`;
        return `migrated from version ${result.from} to ${result.to} (snapshot first: ${result.snapshot?.path})`;
      },
    };
  },
};
