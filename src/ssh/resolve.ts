import { existsSync, readFileSync } from "node:fs";
import { homedir, userInfo } from "node:os";
import type SSHConfig from "ssh-config";
import { lazyPackage } from "../startup/lazy-package.ts";
import type { NodeEntry } from "../config/index.ts";

const sshConfigPackage = lazyPackage<typeof SSHConfig>("ssh-config");

/** Where each connection setting came from, for `oyster nodes` and for debugging. */
export type SettingSource = "nodes.json" | "ssh config" | "oyster.json" | "default";

export interface SshTarget {
  name: string;
  host: string;
  port: number;
  user: string;
  identityFiles: string[];
  proxyJump?: string;
  dispatchDir: string;
  services: string[];
  tags: string[];
  sources: { host: SettingSource; port: SettingSource; user: SettingSource; identity: SettingSource };
}

export interface ResolveSettings {
  configFile: string;
  identityFile?: string;
}

const DEFAULT_KEYS = ["id_ed25519", "id_ecdsa", "id_rsa"];

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The `~` and `%` tokens OpenSSH expands in IdentityFile. */
function expandPath(path: string, ctx: { home: string; host: string; user: string; alias: string }): string {
  const withTokens = path.replace(/%([%dhrun])/g, (_m, t: string) => {
    switch (t) {
      case "%": return "%";
      case "d": return ctx.home;
      case "h": return ctx.host;
      case "r": return ctx.user;
      case "n": return ctx.alias;
      default: return userInfo().username;
    }
  });
  if (withTokens === "~") return ctx.home;
  return withTokens.startsWith("~/") ? `${ctx.home}/${withTokens.slice(2)}` : withTokens;
}

export function readSshConfig(path: string): SSHConfig | undefined {
  if (!existsSync(path)) return undefined;
  return sshConfigPackage().parse(readFileSync(path, "utf8"));
}

/**
 * Resolves a node as `ssh <name>` would: nodes.json fields win, then the SSH client config, then
 * oyster.json's `ssh.*` defaults, then OpenSSH's own defaults.
 */
export function resolveTarget(node: NodeEntry, sshConfig: SSHConfig | undefined, settings: ResolveSettings, home = homedir()): SshTarget {
  const computed = sshConfig ? sshConfig.compute(node.name) : {};
  const cfgHost = first(computed.HostName);
  const cfgPort = first(computed.Port);
  const cfgUser = first(computed.User);
  const cfgKeys = computed.IdentityFile === undefined ? [] : ([] as string[]).concat(computed.IdentityFile);

  const host = node.host ?? cfgHost ?? node.name;
  const port = node.port ?? (cfgPort ? Number(cfgPort) : 22);
  const user = node.user ?? cfgUser ?? userInfo().username;
  const ctx = { home, host, user, alias: node.name };

  let identity: SettingSource = "default";
  let identityFiles: string[];
  if (node.identityFile) {
    identity = "nodes.json";
    identityFiles = [node.identityFile];
  } else if (cfgKeys.length > 0) {
    identity = "ssh config";
    identityFiles = cfgKeys;
  } else if (settings.identityFile) {
    identity = "oyster.json";
    identityFiles = [settings.identityFile];
  } else {
    identityFiles = DEFAULT_KEYS.map((k) => `${home}/.ssh/${k}`);
  }

  return {
    name: node.name,
    host,
    port,
    user,
    identityFiles: identityFiles.map((p) => expandPath(p, ctx)),
    proxyJump: first(computed.ProxyJump),
    dispatchDir: node.dispatchDir,
    services: node.services,
    tags: node.tags,
    sources: {
      host: node.host ? "nodes.json" : cfgHost ? "ssh config" : "default",
      port: node.port ? "nodes.json" : cfgPort ? "ssh config" : "default",
      user: node.user ? "nodes.json" : cfgUser ? "ssh config" : "default",
      identity,
    },
  };
}
