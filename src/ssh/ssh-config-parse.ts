import { existsSync, readFileSync } from "node:fs";
import type SSHConfig from "ssh-config";
import { lazyPackage } from "../startup/lazy-package.ts";
import type { ConfiguredValues } from "./ssh-g.ts";

const sshConfigPackage = lazyPackage<typeof SSHConfig>("ssh-config");

/**
 * The fallback where no `ssh` client is installed: the `ssh-config` package reads the one file.
 * It follows Host blocks (first value wins) but not Include, Match or every OpenSSH rule, which is
 * why `ssh -G` is asked whenever it exists.
 */
export function readSshConfig(path: string): SSHConfig | undefined {
  if (!existsSync(path)) return undefined;
  return sshConfigPackage().parse(readFileSync(path, "utf8"));
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** What the parsed file sets for `name`, in the shape `ssh -G` answers give. */
export function parsedValues(sshConfig: SSHConfig | undefined, name: string): ConfiguredValues {
  if (!sshConfig) return {};
  const computed = sshConfig.compute(name);
  const values: ConfiguredValues = {};
  const host = first(computed.HostName);
  const port = first(computed.Port);
  const user = first(computed.User);
  const proxyJump = first(computed.ProxyJump);
  if (host) values.host = host;
  if (port) values.port = Number(port);
  if (user) values.user = user;
  if (computed.IdentityFile !== undefined) values.identityFiles = ([] as string[]).concat(computed.IdentityFile);
  if (proxyJump) values.proxyJump = proxyJump;
  return values;
}
