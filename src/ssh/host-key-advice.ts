import { fingerprintOf } from "./fingerprint.ts";
import { keyTypeOf, knownHostsLine } from "./known-hosts.ts";
import { shellQuote } from "./quote.ts";

/**
 * A host key as a server presented it during one of Oyster's own connection attempts, with the
 * exact known_hosts line for it.
 *
 * Why the advice is built from this and not from `ssh-keyscan`: "scan, check the fingerprint,
 * then scan again and append" trusts whatever answers the second scan, which need not be what was
 * checked. Oyster shows the fingerprint of the key it saw and a command that appends exactly that
 * key, so what a person compares and what lands in known_hosts are one and the same, with no
 * second network read. Appending a key grants nothing by itself: every later connection must still
 * prove it holds the key's private part; comparing the fingerprint with the host's own (its
 * console) is the check that decides.
 */
export interface PresentedHostKey {
  token: string;
  keyType: string;
  /** `SHA256:...`, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  line: string;
}

export function presentedHostKey(token: string, blob: Buffer): PresentedHostKey {
  return { token, keyType: keyTypeOf(blob), fingerprint: fingerprintOf(blob), line: knownHostsLine(token, blob) };
}

/** A command that appends exactly this key's line; every value quoted for a POSIX shell. */
export function appendHostKeyCommand(key: PresentedHostKey, knownHostsPath: string): string {
  return `printf '%s\\n' ${shellQuote(key.line)} >> ${shellQuote(knownHostsPath)}`;
}

/** A command that removes every line for the host (a changed key: the old one goes first). */
export function removeHostCommand(token: string, knownHostsPath: string): string {
  return `ssh-keygen -R ${shellQuote(token)} -f ${shellQuote(knownHostsPath)}`;
}

/** Reads the presented key back from an error's details (set by the dial's host key check). */
export function presentedKeyOf(details: Record<string, unknown>): PresentedHostKey | undefined {
  const p = details.presented as Partial<PresentedHostKey> | undefined;
  return p && typeof p.line === "string" && typeof p.fingerprint === "string" && typeof p.keyType === "string" && typeof p.token === "string"
    ? (p as PresentedHostKey)
    : undefined;
}
