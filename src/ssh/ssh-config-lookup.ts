import { existsSync } from "node:fs";
import { ConfigError } from "../errors.ts";
import { signatureOf, signaturesOf, unchanged, watchedPaths } from "./ssh-config-files.ts";
import { parsedValues, readSshConfig } from "./ssh-config-parse.ts";
import type { SshGCache } from "./ssh-g-cache.ts";
import type { SshGReply, SshGRunner } from "./ssh-g-runner.ts";
import { configuredValues, filesRead, parseSshG, type ConfiguredValues } from "./ssh-g.ts";

export interface LookupOptions {
  /** `ssh.configFile`: passed to ssh as `-F`, so ssh reads exactly the file Oyster is told to use. */
  configFile: string;
  cache: SshGCache;
  runner: SshGRunner;
}

/** ssh's complaint without its debug chatter (the first run is `-vvv` to list the files it read). */
function complaint(reply: Extract<SshGReply, { ok: false }>): string {
  const lines = reply.stderr.split("\n").filter((l) => l.trim() && !l.startsWith("debug") && !l.startsWith("Pseudo-terminal"));
  return lines.join("; ") || reply.message;
}

/**
 * What the SSH client config sets for each name, as OpenSSH itself reads it: `ssh -G` with the
 * config (the answer) and with `-F /dev/null` (OpenSSH's defaults for that name), so only what the
 * config sets is taken and nodes.json and `ssh.*` keep their place in the precedence. Answers are
 * cached with the signatures of every file they depend on; only the names whose files changed are
 * asked again, in one bounded-parallel batch. A missing config file sets nothing (as before); a
 * machine without `ssh` falls back to parsing the file; a config ssh rejects is a config error,
 * since `ssh <name>` would fail on it too.
 */
export function lookupSshConfig(names: string[], opts: LookupOptions): Map<string, ConfiguredValues> {
  const found = new Map<string, ConfiguredValues>();
  const { configFile, cache, runner } = opts;
  if (names.length === 0 || !existsSync(configFile)) return found;

  const stats = new Map<string, string>();
  const current = (path: string) => {
    let sig = stats.get(path);
    if (sig === undefined) stats.set(path, (sig = signatureOf(path)));
    return sig;
  };
  const misses: string[] = [];
  for (const name of names) {
    const hit = cache.get(configFile, name);
    if (hit && unchanged(hit.files, current)) found.set(name, hit.values);
    else misses.push(name);
  }
  if (misses.length === 0) return found;

  // -T only keeps ssh from remarking that stdin is no terminal.
  const replies = runner(misses.flatMap((name) => [["-G", "-T", "-vvv", "-F", configFile, name], ["-G", "-T", "-F", "/dev/null", name]]));
  if (replies.some((r) => !r.ok && r.reason === "missing")) {
    const parsed = readSshConfig(configFile);
    for (const name of misses) found.set(name, parsedValues(parsed, name));
    return found;
  }

  const problems: string[] = [];
  misses.forEach((name, i) => {
    const withConfig = replies[2 * i]!;
    const defaults = replies[2 * i + 1]!;
    if (!withConfig.ok || !defaults.ok) {
      const failed = (!withConfig.ok ? withConfig : defaults) as Extract<SshGReply, { ok: false }>;
      const why = failed.reason === "timeout" ? "timed out" : complaint(failed);
      problems.push(`${configFile}: ${name}: ssh -G ${why}`);
      return;
    }
    const values = configuredValues(parseSshG(withConfig.stdout), parseSshG(defaults.stdout));
    cache.set(configFile, name, { files: signaturesOf(watchedPaths(filesRead(withConfig.stderr))), values });
    found.set(name, values);
  });
  try {
    cache.save();
  } catch {
    // Only a cache: an unwritable data dir costs a batch next time, never a resolution.
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return found;
}
