// Finding sshd up front turns "spawn ENOENT" deep inside a test into an actionable message.
import { spawnSync } from "node:child_process";
import { requireTool } from "../find-tool.ts";

/** Path of sshd (PATH, then the sbin dirs where it usually lives), or throw saying what to install. */
export function ensureSshd(): string {
  return requireTool("sshd", "openssh-server");
}

/** [major, minor] of the installed sshd, e.g. [9, 2]; sshd -V prints it on stderr. */
export function sshdVersion(sshd: string): [number, number] {
  const out = spawnSync(sshd, ["-V"], { encoding: "utf8" });
  const m = /OpenSSH_(\d+)\.(\d+)/.exec(`${out.stderr}${out.stdout}`);
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}
