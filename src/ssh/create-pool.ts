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
 * How long requests leave a node that timed out alone: at least a minute, and one guardian period
 * (plus the probe's own connect timeout) when that is longer, so that each failing probe re-arms
 * it before it runs out: while the guardian keeps finding the node silent, no command pays a
 * timeout for it. The probe ignores it, and the one that gets an answer ends it at once. (It was
 * half the period, at most a minute: a few seconds with a short period, so commands kept paying.)
 */
export function requestBackoffMs(guardianPeriodSeconds: number, connectTimeoutMs: number): number {
  return Math.max(60_000, guardianPeriodSeconds * 1000 + connectTimeoutMs);
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
    dialBackoffMs: requestBackoffMs(config.guardian.interval_seconds, ssh.connectTimeoutMs),
    env,
    onHostKeyLearned: (key) => {
      log.warn(key, "new host key trusted (accept-new)");
      onHostKeyLearned?.(key);
    },
    ...rest,
  });
}
