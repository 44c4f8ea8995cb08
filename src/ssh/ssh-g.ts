/**
 * Reading `ssh -G` output: OpenSSH's own answer to "what would `ssh <name>` use". It prints every
 * option, defaults included, so the values a config actually sets are the ones that differ from
 * what `ssh -G -F /dev/null <name>` prints for the same name (see configuredValues).
 */

/** The settings Oyster takes from the SSH client config; absent = the config does not set it. */
export interface ConfiguredValues {
  host?: string;
  port?: number;
  user?: string;
  identityFiles?: string[];
  proxyJump?: string;
}

interface SshGOptions {
  hostname?: string;
  port?: string;
  user?: string;
  identityFiles: string[];
  proxyJump?: string;
}

/** The options Oyster reads from one `ssh -G` run (keys are lower-case, one `key value` a line). */
export function parseSshG(stdout: string): SshGOptions {
  const out: SshGOptions = { identityFiles: [] };
  for (const line of stdout.split("\n")) {
    const space = line.indexOf(" ");
    if (space <= 0) continue;
    const key = line.slice(0, space);
    const value = line.slice(space + 1).trim();
    if (key === "hostname") out.hostname = value;
    else if (key === "port") out.port = value;
    else if (key === "user") out.user = value;
    else if (key === "identityfile") out.identityFiles.push(value);
    else if (key === "proxyjump") out.proxyJump = value;
  }
  return out;
}

/**
 * What the config sets: each value of `configured` that is not OpenSSH's default for that name.
 * A config that repeats a default (`Port 22`) reads as unset, which changes nothing but the
 * source `oyster nodes` reports. IdentityFile is a list: OpenSSH only adds its default keys when
 * the config names none, so a list unlike the default list is the config's.
 */
export function configuredValues(configured: SshGOptions, defaults: SshGOptions): ConfiguredValues {
  const values: ConfiguredValues = {};
  if (configured.hostname && configured.hostname !== defaults.hostname) values.host = configured.hostname;
  if (configured.port && configured.port !== defaults.port) values.port = Number(configured.port);
  if (configured.user && configured.user !== defaults.user) values.user = configured.user;
  if (configured.identityFiles.length > 0 && configured.identityFiles.join("\n") !== defaults.identityFiles.join("\n")) {
    values.identityFiles = configured.identityFiles;
  }
  if (configured.proxyJump && configured.proxyJump !== defaults.proxyJump) values.proxyJump = configured.proxyJump;
  return values;
}

/** The config files ssh read, from its `-vvv` debug output ("Reading configuration data <file>"). */
export function filesRead(stderr: string): string[] {
  const files: string[] = [];
  for (const m of stderr.matchAll(/Reading configuration data (.+?)\r?$/gm)) {
    if (!files.includes(m[1]!)) files.push(m[1]!);
  }
  return files;
}
