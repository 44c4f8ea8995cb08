import { ConfigError, toOysterError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { SshPool } from "../ssh/index.ts";
import { applyFleet } from "./fleet-reload.ts";
import { loadConfig } from "./load-config.ts";
import type { Config } from "./types.ts";

export interface ConfigReload {
  ok: boolean;
  /** Every problem of every file, when it did not validate (the old config keeps running). */
  problems: string[];
  /** Node names added, removed or re-addressed. */
  fleet?: { added: string[]; removed: string[]; changed: string[] };
}

/**
 * `restart guardian` and SIGHUP: the four config files read again, exactly as at start, and
 * applied to this process in place. Everything holds the one `config` object, so its sections are
 * replaced on it (the guardian's checks and settings, roles, the OCI and monitor settings, and the
 * projects take effect from the next run or command) and the fleet is applied as the nodes.json
 * watcher applies it. A config that does not validate changes nothing.
 */
export function reloadConfig(deps: { config: Config; ssh: SshPool; log: Logger; env: NodeJS.ProcessEnv }): ConfigReload {
  const { config, log } = deps;
  let fresh: Config;
  try {
    const loaded = loadConfig({ dir: config.dir, env: deps.env });
    fresh = loaded.config;
    for (const w of loaded.warnings) log.warn({ warning: w }, "config warning");
  } catch (err) {
    const problems = err instanceof ConfigError ? err.problems : [toOysterError(err).message];
    log.warn({ problems }, "config not reloaded: it does not validate; the running config stays");
    return { ok: false, problems };
  }
  // The fleet first: it can still fail (ssh -G refusing the SSH config), and then nothing changes.
  const fleet = applyFleet(deps, fresh);
  if (!fleet.ok) return { ok: false, problems: fleet.problems };
  config.present = fresh.present;
  config.projects.splice(0, config.projects.length, ...fresh.projects);
  config.guardian = fresh.guardian;
  config.oyster = fresh.oyster;
  log.info({ nodes: config.nodes.length, projects: config.projects.length }, "config reloaded");
  return { ok: true, problems: [], fleet: { added: fleet.added, removed: fleet.removed, changed: fleet.changed } };
}
