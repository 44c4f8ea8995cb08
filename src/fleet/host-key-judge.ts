import { OysterError } from "../errors.ts";
import { appendHostKeyCommand, removeHostCommand } from "../ssh/host-key-advice.ts";
import type { SshTarget } from "../ssh/resolve.ts";
import type { ProbedHostKey } from "./host-key-probe.ts";

/** What the plan and the result show of the key the node presented. */
export interface HostKeyView {
  /** `host` or `[host]:port`, as known_hosts names it. */
  token: string;
  keyType: string;
  fingerprint: string;
  /** `new`: not in known_hosts yet (trusted by this add); `known`: already there. */
  trust: "new" | "known";
}

export function hostKeyView(p: ProbedHostKey): HostKeyView {
  return { token: p.key.token, keyType: p.key.keyType, fingerprint: p.key.fingerprint, trust: p.verdict.kind === "known" ? "known" : "new" };
}

/**
 * Refuses a key that must never be trusted by `nodes add`, before anything is written: a revoked
 * key, a host that has a different key on record (a reused address, or worse: replacing the line
 * is a person's decision, shown as the command to do it), and a key that is not the one the
 * caller said to expect.
 */
export function refuseBadKey(target: SshTarget, p: ProbedHostKey, knownHostsPath: string, expected: string | undefined): void {
  const { key } = p;
  const details = { node: target.name, host: key.token, presented: key };
  const seen = `${key.keyType} ${key.fingerprint}`;
  if (p.verdict.kind === "revoked") {
    throw new OysterError("HostKeyRevoked", `${target.name}: the key ${key.token} presented (${seen}) is marked @revoked in ${knownHostsPath}; not added, nothing written`, details);
  }
  if (p.verdict.kind === "mismatch") {
    const command = `${removeHostCommand(key.token, knownHostsPath)} && ${appendHostKeyCommand(key, knownHostsPath)}`;
    throw new OysterError(
      "HostKeyMismatch",
      `${target.name}: a DIFFERENT host key is on record for ${key.token} in ${knownHostsPath} (an earlier machine at this address?); it presented ${seen}. Not added, nothing written. If the node's console shows that fingerprint, replace the old line with it: ${command}`,
      details,
    );
  }
  if (expected !== undefined && expected !== key.fingerprint) {
    throw new OysterError(
      "HostKeyMismatch",
      `${target.name}: ${key.token} presented ${seen}, not the expected ${expected} (--fingerprint): refused, nothing written. Check the address, and the fingerprint on the node's console (${consoleCommand(key.keyType)})`,
      { ...details, expected },
    );
  }
}

/** What to run on the node's console to read its own fingerprint of this key type. */
export function consoleCommand(keyType: string): string {
  const file = keyType.startsWith("ecdsa-") ? "ecdsa" : keyType.replace(/^ssh-/, "");
  return `ssh-keygen -lf /etc/ssh/ssh_host_${file}_key.pub`;
}

/**
 * Under `strict`, a new key is trusted only when someone checked it: the plan's confirmation (which
 * pins the fingerprint it showed) or `--fingerprint`. `--yes` alone checks nothing: refused, exit 3.
 */
export function refuseUncheckedKey(target: SshTarget, p: ProbedHostKey, knownHostsPath: string): never {
  const { key } = p;
  throw new OysterError(
    "NotConfirmed",
    `${target.name}: the host key of ${key.token} is not in ${knownHostsPath} and ssh.hostKeyPolicy is strict; with --yes and no --fingerprint nothing was checked, so nothing was written. It presented ${key.keyType} ${key.fingerprint}: compare that with the node's console, then run again with --fingerprint ${key.fingerprint}, or without --yes to see the plan and confirm it`,
    { node: target.name, host: key.token, presented: key },
  );
}
