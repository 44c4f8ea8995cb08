import type { Logger } from "pino";
import type { Config } from "../config/index.ts";
import { KnownHostsFile } from "./known-hosts.ts";
import { SshPool, type PoolOptions } from "./pool.ts";
import { readSshConfig, resolveTarget, type SshTarget } from "./resolve.ts";

/** Every configured node resolved as `ssh <name>` would resolve it. */
export function resolveFleet(config: Config, home?: string): SshTarget[] {
  const ssh = config.oyster.ssh;
  const sshConfig = readSshConfig(ssh.configFile);
  return config.nodes.map((n) => resolveTarget(n, sshConfig, { configFile: ssh.configFile, identityFile: ssh.identityFile }, home));
}

/**
 * The pool for this process, wired from config (`ssh.*`). A key learned under accept-new is
 * always logged, then handed to `overrides.onHostKeyLearned` (the runtime audits it there).
 */
export function createSshPool(config: Config, log: Logger, env: NodeJS.ProcessEnv = process.env, overrides: Partial<PoolOptions> = {}): SshPool {
  const ssh = config.oyster.ssh;
  const { onHostKeyLearned, ...rest } = overrides;
  return new SshPool(resolveFleet(config, env.HOME), {
    knownHosts: new KnownHostsFile(ssh.knownHostsFile),
    hostKeyPolicy: ssh.hostKeyPolicy,
    connectTimeoutMs: ssh.connectTimeoutMs,
    commandTimeoutMs: ssh.commandTimeoutMs,
    keepaliveMs: ssh.keepaliveMs,
    concurrency: ssh.concurrency,
    env,
    onHostKeyLearned: (key) => {
      log.warn(key, "new host key trusted (accept-new)");
      onHostKeyLearned?.(key);
    },
    ...rest,
  });
}
