import type { Logger } from "../log.ts";
import type { Config } from "../config/index.ts";
import { KnownHostsFile } from "./known-hosts.ts";
import { SshPool, type PoolOptions } from "./pool.ts";
import { resolveTarget, type SshTarget } from "./resolve.ts";
import { lookupSshConfig } from "./ssh-config-lookup.ts";
import { diskCache, memoryCache } from "./ssh-g-cache.ts";
import { batchRunner, type SshGRunner } from "./ssh-g-runner.ts";

export interface ResolveFleetOptions {
  /** Home for `~` and `%d` in key paths (default the process's). */
  home?: string;
  /** The environment `ssh -G` runs with: its PATH says where `ssh` is (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where `ssh -G` answers are cached across processes; without it, for this process only. */
  dataDir?: string;
  /** Replaces the real `ssh` batch (tests). */
  runner?: SshGRunner;
}

/** Every configured node resolved as `ssh <name>` would resolve it. `opts` as a string is `home`. */
export function resolveFleet(config: Config, opts: string | ResolveFleetOptions = {}): SshTarget[] {
  const o: ResolveFleetOptions = typeof opts === "string" ? { home: opts } : opts;
  const ssh = config.oyster.ssh;
  const configured = lookupSshConfig(config.nodes.map((n) => n.name), {
    configFile: ssh.configFile,
    cache: o.dataDir ? diskCache(o.dataDir) : memoryCache(),
    runner: o.runner ?? batchRunner({ env: o.env ?? process.env, concurrency: ssh.concurrency }),
  });
  return config.nodes.map((n) => resolveTarget(n, configured.get(n.name), { configFile: ssh.configFile, identityFile: ssh.identityFile }, o.home));
}

export interface CreatePoolOverrides extends Partial<PoolOptions> {
  /** Where `ssh -G` answers are cached (the data dir); see resolveFleet. */
  dataDir?: string;
  sshGRunner?: SshGRunner;
}

/**
 * How long a timed-out dial is not retried: a minute at most, and half the guardian's period, so
 * every guardian run dials a hung node afresh (and notices when it answers again).
 */
export function dialBackoffMs(guardianPeriodSeconds: number): number {
  return Math.min(60_000, (guardianPeriodSeconds * 1000) / 2);
}

/**
 * The pool for this process, wired from config (`ssh.*`). A key learned under accept-new is
 * always logged, then handed to `overrides.onHostKeyLearned` (the runtime audits it there).
 */
export function createSshPool(config: Config, log: Logger, env: NodeJS.ProcessEnv = process.env, overrides: CreatePoolOverrides = {}): SshPool {
  const ssh = config.oyster.ssh;
  const { onHostKeyLearned, dataDir, sshGRunner, ...rest } = overrides;
  const targets = resolveFleet(config, { home: env.HOME, env, ...(dataDir ? { dataDir } : {}), ...(sshGRunner ? { runner: sshGRunner } : {}) });
  return new SshPool(targets, {
    knownHosts: new KnownHostsFile(ssh.knownHostsFile),
    hostKeyPolicy: ssh.hostKeyPolicy,
    connectTimeoutMs: ssh.connectTimeoutMs,
    commandTimeoutMs: ssh.commandTimeoutMs,
    keepaliveMs: ssh.keepaliveMs,
    concurrency: ssh.concurrency,
    dialBackoffMs: dialBackoffMs(config.guardian.interval_seconds),
    env,
    onHostKeyLearned: (key) => {
      log.warn(key, "new host key trusted (accept-new)");
      onHostKeyLearned?.(key);
    },
    ...rest,
  });
}
