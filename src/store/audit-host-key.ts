import type { Logger } from "../log.ts";
import type { AuditLog } from "./audit.ts";

export interface HostKeyFact {
  node: string;
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
}

/**
 * A key trusted under `ssh.hostKeyPolicy: accept-new` changes what Oyster will connect to, so it
 * goes to the audit table like any state-changing command: who `oyster`, via `ssh`, command
 * `known-hosts`. Called once a connection with the new key has completed (`ready`): a failed write is logged, never thrown.
 */
export function auditHostKey(audit: AuditLog, key: HostKeyFact, log: Logger): void {
  try {
    const id = audit.start({ who: "oyster", via: "ssh", command: "known-hosts", args: { action: "accept-new", ...key }, decision: "allowed" });
    audit.finish(id, "ok", 0);
  } catch (err) {
    log.error({ err, node: key.node, fingerprint: key.fingerprint }, "could not audit a newly trusted host key");
  }
}
