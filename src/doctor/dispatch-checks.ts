import type { Config } from "../config/index.ts";
import { locateDispatch } from "../dispatch/read-db.ts";
import { DISPATCH_SCHEMA_VERSION, inspectDispatchSchema } from "../dispatch/schema.ts";
import { line, say } from "./line.ts";
import type { DoctorLine } from "./types.ts";

/** dispatch.dir there, dispatch.db there and at the contract's schema (read only; the guardian's db_schema migrates). */
export function dispatchChecks(config: Config): DoctorLine[] {
  const where = locateDispatch(config);
  if (where.state === "not-configured") {
    return [line("dispatch", "dispatch.dir", "fail", say("doctor.dispatch.noDir", { dir: where.dir }), say("doctor.dispatch.noDirFix"))];
  }
  const dir = line("dispatch", "dispatch.dir", "ok", say("doctor.dispatch.dir", { dir: where.dir }));
  if (where.state === "no-db") {
    return [dir, line("dispatch", "dispatch.db", "fail", say("doctor.dispatch.noDb", { db: where.db }), say("doctor.dispatch.migrateFix"))];
  }
  const schema = inspectDispatchSchema(where.db);
  switch (schema.kind) {
    case "current":
      return [dir, line("dispatch", "dispatch.db", "ok", say("doctor.dispatch.current", { db: where.db, version: schema.version }))];
    case "outdated":
      return [dir, line("dispatch", "dispatch.db", "fail", say("doctor.dispatch.outdated", { db: where.db, version: schema.version, want: DISPATCH_SCHEMA_VERSION, missing: schema.missing.join(", ") }), say("doctor.dispatch.migrateFix"))];
    case "missing":
      return [dir, line("dispatch", "dispatch.db", "fail", say("doctor.dispatch.noDb", { db: where.db }), say("doctor.dispatch.migrateFix"))];
    case "unrecognised":
      return [dir, line("dispatch", "dispatch.db", "fail", say("doctor.dispatch.unrecognised", { db: where.db, problems: schema.problems.join("; ") }), say("doctor.dispatch.unrecognisedFix"))];
  }
}
