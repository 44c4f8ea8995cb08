import { homedir, hostname, userInfo } from "node:os";
import type { NodeEntry } from "../config/index.ts";
import type { ConfiguredValues } from "./ssh-g.ts";

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

/**
 * The `~` and `%` tokens OpenSSH expands in IdentityFile. `ssh -G` prints them unexpanded (up to
 * OpenSSH 9.x), and the fallback parser never expands them, so they are expanded here, against the
 * host and user the node finally resolves to, as ssh does.
 */
function expandPath(path: string, ctx: { home: string; host: string; port: number; user: string; alias: string }): string {
  const withTokens = path.replace(/%([%dhrnpuilL])/g, (_m, t: string) => {
    switch (t) {
      case "%": return "%";
      case "d": return ctx.home;
      case "h": return ctx.host;
      case "r": return ctx.user;
      case "n": return ctx.alias;
      case "p": return String(ctx.port);
      case "i": return String(userInfo().uid);
      case "l": return hostname();
      case "L": return hostname().split(".")[0]!;
      default: return userInfo().username;
    }
  });
  if (withTokens === "~") return ctx.home;
  return withTokens.startsWith("~/") ? `${ctx.home}/${withTokens.slice(2)}` : withTokens;
}

/**
 * Resolves a node as `ssh <name>` would: nodes.json fields win, then the SSH client config (what
 * `configured` says it sets: see lookupSshConfig), then oyster.json's `ssh.*` defaults, then
 * OpenSSH's own defaults.
 */
export function resolveTarget(node: NodeEntry, configured: ConfiguredValues | undefined, settings: ResolveSettings, home = homedir()): SshTarget {
  const cfgHost = configured?.host;
  const cfgPort = configured?.port;
  const cfgUser = configured?.user;
  const cfgKeys = configured?.identityFiles ?? [];

  const host = node.host ?? cfgHost ?? node.name;
  const port = node.port ?? cfgPort ?? 22;
  const user = node.user ?? cfgUser ?? userInfo().username;
  const ctx = { home, host, port, user, alias: node.name };

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
    proxyJump: configured?.proxyJump,
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
