import { existsSync } from "node:fs";
import { join } from "node:path";
import { CHECK_NAMES } from "../../jobs/guardian/checks/types.ts";
import { loadConfig, type Config } from "../config/index.ts";
import { openSqlite } from "../store/sqlite-driver.ts";
import type { NameKind } from "./grammar.ts";

export interface NameSources {
  configDir: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
}

/** Plain names only: whatever reaches a shell's completion list is a name, never text to run. */
const PLAIN = /^[A-Za-z0-9][A-Za-z0-9._@:-]*$/;

function unique(names: Iterable<string>): string[] {
  return [...new Set(names)].filter((n) => PLAIN.test(n));
}

/** The config, or nothing when it cannot be read: a tab press never shows a config error. */
function configOrNothing(src: NameSources): Config | undefined {
  try {
    return loadConfig({ dir: src.configDir, env: src.env }).config;
  } catch {
    return undefined;
  }
}

/** Open alerts' ids, newest last, from state.db opened read-only (never created, never migrated). */
function openAlertIds(dataDir: string): string[] {
  const path = join(dataDir, "state.db");
  if (!existsSync(path)) return [];
  try {
    const db = openSqlite(path, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT id FROM alerts WHERE status != 'resolved' ORDER BY seq").pluck().all() as string[]);
    } finally {
      db.close();
    }
  } catch {
    return [];
  }
}

/**
 * The names of one kind, for the shell's completion: from the config files and state.db, read
 * only (no SSH, no data dir created, no log file). Anything unreadable gives no names, not an error.
 */
export async function lookupNames(kind: NameKind, src: NameSources): Promise<string[]> {
  switch (kind) {
    case "checks":
      return [...CHECK_NAMES];
    case "jobs": {
      const { jobs } = await import("../../jobs/index.ts");
      return unique(jobs.map((j) => j.name));
    }
    case "alerts":
      return unique(openAlertIds(src.dataDir));
    case "nodes":
      return unique(configOrNothing(src)?.nodes.map((n) => n.name) ?? []);
    case "tags":
      return unique(configOrNothing(src)?.nodes.flatMap((n) => n.tags) ?? []);
    case "units": {
      const config = configOrNothing(src);
      if (!config) return [];
      return unique([config.oyster.systemd.daemonUnit, ...config.nodes.flatMap((n) => n.services)]);
    }
    case "projects":
      return unique(configOrNothing(src)?.projects.map((p) => p.name) ?? []);
  }
}
