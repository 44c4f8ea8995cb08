import { stat } from "node:fs/promises";
import { statSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, toOysterError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { resolveFleet } from "../ssh/create-pool.ts";
import type { SshPool, SshTarget } from "../ssh/index.ts";
import { CONFIG_FILES, loadConfig } from "./load-config.ts";
import type { Config } from "./types.ts";

export interface FleetDeps {
  /** The process's config: its `nodes` array is updated in place, never replaced. */
  config: Config;
  ssh: SshPool;
  log: Logger;
  env?: NodeJS.ProcessEnv;
}

export interface FleetReload {
  /** False when the files did not validate: the old fleet is kept, `problems` says why. */
  ok: boolean;
  added: string[];
  removed: string[];
  changed: string[];
  problems: string[];
}

// `sources` only says where a setting came from; a node whose values are the same is unchanged.
const fingerprint = (t: SshTarget) => JSON.stringify({ ...t, sources: undefined });

/**
 * Re-reads nodes.json (through loadConfig, so it is judged exactly as at start-up) and applies the
 * new fleet to this process: `config.nodes` is spliced in place, because the scheduler, the Slack
 * app and the commands all hold that one array, and the pool gets the new targets (dropping the
 * kept connection of a node removed or re-addressed). A file that does not validate changes
 * nothing: a half-edited nodes.json must not empty the fleet of a running bot.
 */
export function reloadFleet(deps: FleetDeps): FleetReload {
  const env = deps.env ?? process.env;
  let fresh: Config;
  try {
    const loaded = loadConfig({ dir: deps.config.dir, env });
    fresh = loaded.config;
    for (const w of loaded.warnings) if (w.startsWith(`${CONFIG_FILES.nodes}:`)) deps.log.warn({ warning: w }, "config warning");
  } catch (err) {
    return notReloaded(deps.log, err);
  }
  return applyFleet(deps, fresh);
}

function notReloaded(log: Logger, err: unknown): FleetReload {
  const problems = err instanceof ConfigError ? err.problems : [toOysterError(err).message];
  log.warn({ problems }, "fleet not reloaded: the config does not validate; keeping the current nodes");
  return { ok: false, added: [], removed: [], changed: [], problems };
}

/**
 * Applies the fleet of a config already read and validated (`reloadConfig` reads all four files
 * once and hands it here): `config.nodes` spliced in place, the pool given the new targets.
 */
export function applyFleet(deps: FleetDeps, fresh: Config): FleetReload {
  const { config, ssh, log } = deps;
  const env = deps.env ?? process.env;
  let targets: SshTarget[];
  try {
    targets = resolveFleet(fresh, env.HOME);
  } catch (err) {
    return notReloaded(log, err);
  }
  const nodes = fresh.nodes;
  const before = new Map(ssh.nodeNames.map((n) => [n, fingerprint(ssh.target(n))] as const));
  const after = new Map(targets.map((t) => [t.name, fingerprint(t)] as const));
  const added = [...after.keys()].filter((n) => !before.has(n));
  const removed = [...before.keys()].filter((n) => !after.has(n));
  const changed = [...after.keys()].filter((n) => before.has(n) && before.get(n) !== after.get(n));

  config.nodes.splice(0, config.nodes.length, ...nodes);
  ssh.setTargets(targets);
  if (added.length + removed.length + changed.length > 0) log.info({ added, removed, changed, nodes: nodes.length }, "fleet reloaded");
  return { ok: true, added, removed, changed, problems: [] };
}

export interface FleetWatch {
  stop(): void;
}

/** What tells a changed file: stat follows a symlink, so an edit of its target counts too. */
function signatureOf(s: { ino: number; size: number; mtimeMs: number }): string {
  return `${s.ino}:${s.size}:${s.mtimeMs}`;
}

function errorSignature(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === "ENOENT" ? "absent" : `error:${code ?? "unknown"}`;
}

/**
 * Polls nodes.json (a stat every `intervalMs`) and reloads the fleet when it changed: after
 * joinFleet, `oyster` from a terminal, or a person's editor. Polling, not fs.watch: editors
 * replace the file by rename and symlinked targets change elsewhere, which fs.watch misses or
 * reports differently per platform; one stat every few seconds costs nothing. The timer is
 * unref'd, so it never keeps the process alive.
 */
export function watchFleet(deps: FleetDeps & { intervalMs?: number }): FleetWatch {
  const path = join(deps.config.dir, CONFIG_FILES.nodes);
  const intervalMs = deps.intervalMs ?? 5000;
  let last: string;
  try {
    last = signatureOf(statSync(path));
  } catch (err) {
    last = errorSignature(err);
  }
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const tick = async () => {
    let now: string;
    try {
      now = signatureOf(await stat(path));
    } catch (err) {
      now = errorSignature(err);
    }
    if (stopped) return;
    if (now !== last) {
      // Remembered even when the reload fails: the warning is logged once, and the next edit retries.
      last = now;
      reloadFleet(deps);
    }
    schedule();
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void tick().catch((err) => {
      deps.log.warn({ err: toOysterError(err) }, "fleet watch failed; watching on");
      schedule();
    }), intervalMs);
    timer.unref();
  };
  schedule();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
