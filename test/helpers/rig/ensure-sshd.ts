// Finding sshd up front turns "spawn ENOENT" deep inside a test into an actionable message.
import { accessSync, constants } from "node:fs";
import { spawnSync } from "node:child_process";

const CANDIDATES = ["/usr/sbin/sshd", "/usr/local/sbin/sshd", "/opt/homebrew/sbin/sshd"];

/** Path of sshd, or throw saying what to install. */
export function ensureSshd(): string {
  for (const path of CANDIDATES) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // try the next one
    }
  }
  throw new Error(
    "OpenSSH server (sshd) not found in " + CANDIDATES.join(", ") +
      ": install it (Debian/Ubuntu: apt-get install openssh-server openssh-client; " +
      "macOS ships /usr/sbin/sshd). The rig also needs ssh-keygen and pgrep.",
  );
}

/** [major, minor] of the installed sshd, e.g. [9, 2]; sshd -V prints it on stderr. */
export function sshdVersion(sshd: string): [number, number] {
  const out = spawnSync(sshd, ["-V"], { encoding: "utf8" });
  const m = /OpenSSH_(\d+)\.(\d+)/.exec(`${out.stderr}${out.stdout}`);
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}
