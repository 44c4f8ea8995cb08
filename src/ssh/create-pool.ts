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

/** The pool for this process, wired from config (`ssh.*`). */
export function createSshPool(config: Config, log: Logger, env: NodeJS.ProcessEnv = process.env, overrides: Partial<PoolOptions> = {}): SshPool {
  const ssh = config.oyster.ssh;
  return new SshPool(resolveFleet(config, env.HOME), {
    knownHosts: new KnownHostsFile(ssh.knownHostsFile),
    hostKeyPolicy: ssh.hostKeyPolicy,
    connectTimeoutMs: ssh.connectTimeoutMs,
    commandTimeoutMs: ssh.commandTimeoutMs,
    keepaliveMs: ssh.keepaliveMs,
    concurrency: ssh.concurrency,
    env,
    onHostKeyAdded: (target, keyType) => log.warn({ node: target.name, host: target.host, port: target.port, keyType }, "new host key trusted (accept-new)"),
    ...overrides,
  });
}
