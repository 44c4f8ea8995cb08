import { OysterError } from "../errors.ts";
import { dial } from "../ssh/dial.ts";
import { withKnownHostsLock } from "../ssh/known-hosts-lock.ts";
import { hostToken, judgeHostKey } from "../ssh/known-hosts.ts";
import type { SshTarget } from "../ssh/resolve.ts";
import { PinnedKnownHosts, type ProbeDialOptions, type ProbedHostKey } from "./host-key-probe.ts";

export type Recorded = "written" | "present";

/**
 * Trusts exactly the probed key, once it is proven. First a full login that accepts that key and
 * no other: it completes only if the node signs the key exchange with the key's private half and
 * lets us in, so a key that something else at the address merely showed is never written. Then
 * the line goes into known_hosts under the known_hosts lock, judged again there (another process
 * may have recorded this key, or a different one, meanwhile): the same path accept-new takes.
 */
export async function proveAndRecord(target: SshTarget, probed: ProbedHostKey, opts: ProbeDialOptions): Promise<Recorded> {
  const real = opts.knownHosts;
  const client = await dial(target, { ...opts, knownHosts: new PinnedKnownHosts(real.path, probed.key), hostKeyPolicy: "strict" });
  client.end();
  const token = hostToken(target.host, target.port);
  return withKnownHostsLock(real.path, (): Recorded => {
    const verdict = judgeHostKey(real.entries(), token, probed.blob);
    if (verdict.kind === "known") return "present";
    if (verdict.kind !== "unknown") {
      throw new OysterError(verdict.kind === "revoked" ? "HostKeyRevoked" : "HostKeyMismatch", `${target.name}: while the key was being proven, ${real.path} came to hold ${verdict.kind === "revoked" ? "a revocation of it" : "a different key"} for ${token}; nothing written`, { node: target.name, host: token, presented: probed.key });
    }
    real.append(token, probed.blob);
    return "written";
  });
}
