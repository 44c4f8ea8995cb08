import type { Config } from "../config/index.ts";
import { OysterError } from "../errors.ts";
import { dial, type DialOptions } from "../ssh/dial.ts";
import { presentedKeyOf, type PresentedHostKey } from "../ssh/host-key-advice.ts";
import { hostToken, judgeHostKey, KnownHostsFile, parseKnownHosts, type HostKeyVerdict, type KnownHostEntry } from "../ssh/known-hosts.ts";
import type { SshTarget } from "../ssh/resolve.ts";

/**
 * known_hosts as the probe's dial sees it: nothing on record, so the dial stops at the host key
 * with HostKeyUnknown, carrying the key the node presented. The key types asked for first are
 * still the real file's, so a host with a key on record presents that one, as it would to ssh.
 */
class BlindKnownHosts extends KnownHostsFile {
  constructor(private readonly real: KnownHostsFile) {
    super(real.path);
  }
  override entries(): KnownHostEntry[] {
    return [];
  }
  override knownTypes(token: string): string[] {
    return this.real.knownTypes(token);
  }
  override append(): void {
    throw new Error("the host key probe never writes known_hosts");
  }
}

/** known_hosts holding exactly one key: a login through it proves the node holds that key. */
export class PinnedKnownHosts extends KnownHostsFile {
  constructor(path: string, private readonly key: PresentedHostKey) {
    super(path);
  }
  override entries(): KnownHostEntry[] {
    return parseKnownHosts(this.key.line);
  }
  override knownTypes(): string[] {
    return [this.key.keyType];
  }
  override append(): void {
    throw new Error("a pinned known_hosts is never written");
  }
}

export interface ProbedHostKey {
  key: PresentedHostKey;
  blob: Buffer;
  /** The key judged against the real known_hosts: known, unknown, mismatch (another key on record) or revoked. */
  verdict: HostKeyVerdict;
}

/** How nodes add dials: `ssh.*`'s settings; the host key policy is chosen per dial (the probe's and the proof's are strict). */
export type ProbeDialOptions = Omit<DialOptions, "hostKeyPolicy">;

/** The dial settings of `ssh.*`, for a node that is not in the pool (yet). */
export function dialOptionsFor(config: Config, env: NodeJS.ProcessEnv): ProbeDialOptions {
  const ssh = config.oyster.ssh;
  return { knownHosts: new KnownHostsFile(ssh.knownHostsFile), connectTimeoutMs: ssh.connectTimeoutMs, keepaliveMs: ssh.keepaliveMs, env };
}

/**
 * The host key a node presents to Oyster's own dial (ssh2, as every later connection), read up to
 * the key and no further: nothing is written and nothing is trusted here. What the key is worth
 * is decided by whoever compares its fingerprint, and proven by the login that follows
 * (proveAndRecord). Unreachable, timed out and the like are thrown as the dial reports them.
 */
export async function probeHostKey(target: SshTarget, opts: ProbeDialOptions): Promise<ProbedHostKey> {
  const blind = new BlindKnownHosts(opts.knownHosts);
  let failure: unknown;
  try {
    const client = await dial(target, { ...opts, knownHosts: blind, hostKeyPolicy: "strict" });
    client.end();
  } catch (err) {
    failure = err;
  }
  const key = failure instanceof OysterError && failure.code === "HostKeyUnknown" ? presentedKeyOf(failure.details) : undefined;
  if (!key) {
    if (failure) throw failure;
    throw new OysterError("SshError", `${target.name}: the node's host key could not be read`, { node: target.name });
  }
  const blob = parseKnownHosts(key.line)[0]!.key;
  const token = hostToken(target.host, target.port);
  return { key, blob, verdict: judgeHostKey(opts.knownHosts.entries(), token, blob) };
}
