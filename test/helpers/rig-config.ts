import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig, type Config } from "../../src/config/index.ts";
import type { Rig } from "./rig/index.ts";

export interface RigConfigOptions {
  /** Merged over the ssh section Oyster gets (the rig's client config and known_hosts). */
  ssh?: Record<string, unknown>;
  /** Extra top-level oyster.json keys. */
  oyster?: Record<string, unknown>;
  services?: string[];
}

/**
 * Writes an Oyster config dir for a rig. Nodes are given by name only, so every connection
 * setting resolves through the rig's OpenSSH client config, as `ssh node-1` would.
 */
export function writeRigConfig(rig: Rig, configDir: string, opts: RigConfigOptions = {}): string {
  mkdirSync(configDir, { recursive: true });
  const nodes = rig.nodes.map((n) => ({ name: n.name, dispatchDir: n.dispatchDir, services: opts.services ?? ["agent-daemon"] }));
  writeFileSync(join(configDir, "nodes.json"), JSON.stringify({ nodes }, null, 2));
  // The rig's nodes are this machine: how full its disk is, or how busy its memory, must not
  // decide tests about other things. Tests of the resource alerts set their own lines.
  const guardian = { resources: { disk: [99, 100], inodes: [99, 100], memory: [1, 0] }, ...(opts.oyster?.guardian as Record<string, unknown> | undefined) };
  const oyster = {
    ...opts.oyster,
    guardian,
    ssh: { configFile: rig.sshConfigPath, knownHostsFile: rig.knownHostsPath, connectTimeoutMs: 2000, commandTimeoutMs: 5000, ...opts.ssh },
  };
  writeFileSync(join(configDir, "oyster.json"), JSON.stringify(oyster, null, 2));
  return configDir;
}

/** The loaded config for a rig, for tests that drive the library directly. */
export function rigConfig(rig: Rig, configDir: string, opts: RigConfigOptions = {}): Config {
  writeRigConfig(rig, configDir, opts);
  return loadConfig({ dir: configDir }).config;
}
