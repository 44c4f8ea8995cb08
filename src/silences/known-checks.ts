import type { Db } from "../store/index.ts";

/**
 * Checks Oyster raises alerts under besides the guardian's own (whose names the caller passes, so
 * a check added there counts at once): the storm, node resources (`disk:<mount>`, `inodes:<mount>`,
 * `memory`), backup, the monitor's `quota:...` family, the bot's config reload and the OCI grab's.
 */
export const OTHER_CHECK_FAMILIES = [
  "storm", "disk", "inodes", "memory", "backup", "quota", "config_reload", "grab_stopped", "grab_limit_exceeded", "grab_address_unread",
] as const;

const family = (name: string) => name.replace(/:$/, "").split(":")[0]!;

/**
 * The `--check` values that name no check Oyster has: neither a known family nor one any alert on
 * record had. A typo must be refused (exit 2), or the silence would cover nothing and say nothing.
 */
export function unknownChecks(patterns: readonly string[], guardianChecks: readonly string[], db: Db): { unknown: string[]; known: string[] } {
  const seen = (db.prepare("SELECT DISTINCT check_name AS c FROM alerts").all() as Array<{ c: string }>).map((r) => r.c);
  const known = [...new Set([...guardianChecks, ...OTHER_CHECK_FAMILIES, ...seen.map(family)])].sort();
  return { unknown: patterns.filter((p) => !known.includes(family(p))), known };
}
