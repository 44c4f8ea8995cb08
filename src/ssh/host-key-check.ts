import { OysterError } from "../errors.ts";
import { appendHostKeyCommand, presentedHostKey, type PresentedHostKey } from "./host-key-advice.ts";
import { judgeHostKey, type HostKeyVerdict, type KnownHostsFile } from "./known-hosts.ts";
import { withKnownHostsLock, type KnownHostsLockOptions } from "./known-hosts-lock.ts";

export type HostKeyProblemCode = "HostKeyMismatch" | "HostKeyUnknown" | "HostKeyRevoked";

export interface HostKeyCheckOptions {
  node: string;
  /** `host` or `[host]:port`, as known_hosts names it. */
  token: string;
  knownHosts: KnownHostsFile;
  policy: "strict" | "accept-new";
  lock?: KnownHostsLockOptions;
}

/** What `learn` did once the handshake was proven. */
export type LearnOutcome =
  | { kind: "written"; presented: PresentedHostKey }
  /** Someone else (another dial, another process) recorded this same key meanwhile. */
  | { kind: "present" }
  /** Meanwhile a different key was recorded for the host, or this one revoked: refuse. */
  | { kind: "refused"; error: OysterError };

/**
 * One connection's host key decision. ssh2 calls the host verifier when the server's key arrives,
 * BEFORE it checks the server's signature over the exchange hash; at that moment nothing proves
 * the peer holds the key. So the verifier only judges: a key on record passes, a changed or
 * revoked key is refused, and under accept-new an unknown key passes provisionally and is
 * remembered. It is written to known_hosts only by `learn`, called on `ready` (signature checked
 * and authentication done), so whatever answers first at a new address and cannot complete the
 * handshake, or is not a host we can log in to, plants nothing.
 */
export class HostKeyCheck {
  /** The unknown key let through under accept-new, not yet written. */
  private provisional: Buffer | undefined;
  /** Why the verifier refused, for the dial's error. */
  problem: OysterError | undefined;

  constructor(private readonly o: HostKeyCheckOptions) {}

  /** The key waiting for `ready`, as presented (for messages about a failed handshake). */
  get pending(): PresentedHostKey | undefined {
    return this.provisional ? presentedHostKey(this.o.token, this.provisional) : undefined;
  }

  /** ssh2's hostVerifier. Called again on every re-key, which must present the same key. */
  readonly verify = (blob: Buffer): boolean => {
    const verdict = judgeHostKey(this.o.knownHosts.entries(), this.o.token, blob);
    if (verdict.kind === "known") return true;
    if (verdict.kind === "unknown" && this.o.policy === "accept-new") {
      // A second, different key within one connection is not the same host: refuse it.
      if (this.provisional && !this.provisional.equals(blob)) {
        const { node, token } = this.o;
        const [first, now] = [presentedHostKey(token, this.provisional), presentedHostKey(token, blob)];
        this.problem = new OysterError("HostKeyMismatch", `${node}: HOST KEY CHANGED for ${token} within one connection: ${now.keyType} ${now.fingerprint} after ${first.keyType} ${first.fingerprint}; refusing to connect, nothing recorded`, { node, host: token, presented: now });
        return false;
      }
      this.provisional = blob;
      return true;
    }
    this.problem = this.error(verdict, blob);
    return false;
  };

  /**
   * On `ready`: the peer proved it holds the key. Judged again under the known_hosts lock, so
   * concurrent dials to one new host (here or in another Oyster process) write one line. `wanted`
   * is asked under the lock: a dial that failed meanwhile (its deadline) writes nothing.
   */
  async learn(wanted: () => boolean): Promise<LearnOutcome | undefined> {
    const blob = this.provisional;
    if (!blob) return undefined;
    const { knownHosts, token } = this.o;
    return withKnownHostsLock(knownHosts.path, (): LearnOutcome | undefined => {
      if (!wanted()) return undefined;
      const verdict = judgeHostKey(knownHosts.entries(), token, blob);
      if (verdict.kind === "known") return { kind: "present" };
      if (verdict.kind !== "unknown") return { kind: "refused", error: this.error(verdict, blob) };
      knownHosts.append(token, blob);
      this.provisional = undefined;
      return { kind: "written", presented: presentedHostKey(token, blob) };
    }, this.o.lock);
  }

  private error(verdict: Exclude<HostKeyVerdict, { kind: "known" }>, blob: Buffer): OysterError {
    const { node, token, knownHosts } = this.o;
    const key = presentedHostKey(token, blob);
    const details = { node, host: token, presented: key };
    const what = `the ${key.keyType} key presented (${key.fingerprint})`;
    switch (verdict.kind) {
      case "unknown":
        return new OysterError(
          "HostKeyUnknown",
          `${node}: host key for ${token} is not in ${knownHosts.path} (policy strict): ${what} was not accepted. If that is the host's own fingerprint (check it on the host or its console), add exactly that key: ${appendHostKeyCommand(key, knownHosts.path)}; or set ssh.hostKeyPolicy to accept-new`,
          details,
        );
      case "revoked":
        return new OysterError("HostKeyRevoked", `${node}: HOST KEY REVOKED for ${token}: ${what} is marked @revoked in ${knownHosts.path}; refusing to connect`, details);
      case "mismatch":
        return new OysterError("HostKeyMismatch", `${node}: HOST KEY CHANGED for ${token}: ${what} does not match ${knownHosts.path}; refusing to connect (possible man-in-the-middle)`, details);
    }
  }
}
