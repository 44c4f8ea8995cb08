import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig, type Config } from "../../../src/config/index.ts";
import { CREATE_SQL, DISPATCH_SCHEMA_VERSION } from "../../../src/dispatch/schema.ts";
import { openSqlite } from "../../../src/store/sqlite-driver.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

/** A config dir with these files (objects written as JSON, strings as they are), loaded. */
export function configWith(files: Record<string, unknown> = {}): { dir: string; config: Config } {
  const root = tmpDir("oyster-doctor-");
  const dir = join(root, "config");
  mkdirSync(dir, { mode: 0o700 });
  for (const [name, value] of Object.entries(files)) writeFileSync(join(dir, name), typeof value === "string" ? value : JSON.stringify(value));
  return { dir, config: loadConfig({ dir, env: { HOME: root } }).config };
}

/** A dispatch.db at the contract's schema (version 2), or the old one (no attempts/error, no version row). */
export function makeDispatchDb(path: string, schema: "current" | "old" = "current"): void {
  const db = openSqlite(path);
  if (schema === "current") {
    db.exec(CREATE_SQL.tasks);
    db.exec(CREATE_SQL.nodes);
    db.exec(CREATE_SQL.oyster_schema);
    db.prepare("INSERT INTO oyster_schema (version, applied_at) VALUES (?, ?)").run(DISPATCH_SCHEMA_VERSION, "2026-01-01T00:00:00Z");
  } else {
    db.exec("CREATE TABLE tasks (id INTEGER PRIMARY KEY, project TEXT NOT NULL, node TEXT, status TEXT NOT NULL, created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT)");
  }
  db.close();
}
