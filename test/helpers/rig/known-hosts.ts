// known_hosts as a client would have it after first contact: one plain line per node in
// the bracketed form OpenSSH uses for non-22 ports.
import { rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";

export interface KnownHost {
  port: number;
  hostKeyPublic: string;
}

export function writeKnownHosts(path: string, hosts: KnownHost[]): void {
  writeFileSync(path, hosts.map((h) => `[127.0.0.1]:${h.port} ${h.hostKeyPublic}\n`).join(""), { mode: 0o600 });
}

/** Rewrite the file hashed, as HashKnownHosts users have it; drop ssh-keygen's .old copy. */
export function hashKnownHosts(path: string): void {
  execFileSync("ssh-keygen", ["-H", "-f", path], { stdio: "pipe" });
  rmSync(`${path}.old`, { force: true });
}
