// Who the nodes log in as. As root we use a plain account with /bin/sh: root's heavy
// profile would be measured otherwise, and permission faults (read-only dispatch dir)
// only bite a non-root user. Not root: the current user, and sshd runs as that user.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { requireTool } from "../find-tool.ts";

export const ROOT_NODE_USER = "oysternode";

export interface NodeUser {
  name: string;
  uid: number;
  gid: number;
  /** True when the rig runs as root and must chown what the node user writes. */
  chown: boolean;
}

function lookup(name: string): { uid: number; gid: number } | undefined {
  const out = spawnSync("id", ["-u", name], { encoding: "utf8" });
  if (out.status !== 0) return undefined;
  const gid = spawnSync("id", ["-g", name], { encoding: "utf8" });
  return { uid: Number(out.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

// Test files run in parallel processes: two may race on useradd/usermod, which then fail
// on the /etc/passwd lock or "already exists". Retry and re-check instead of failing.
function withRetry(what: string, done: () => boolean, attempt: () => void): void {
  let last: unknown;
  for (let i = 0; i < 20; i++) {
    if (done()) return;
    try {
      attempt();
    } catch (err) {
      last = err;
      sleepSync(100);
    }
  }
  if (!done()) throw new Error(`${what} failed: ${String(last)}`);
}

// useradd leaves the password "!" (locked); with UsePAM no, sshd refuses locked accounts
// even for key logins, so the password field must be "*" (no password, not locked).
function isLocked(name: string): boolean {
  const line = readFileSync("/etc/shadow", "utf8").split("\n").find((l) => l.startsWith(`${name}:`));
  return line === undefined || line.split(":")[1]!.startsWith("!");
}

export function ensureNodeUser(): NodeUser {
  if (process.getuid?.() !== 0) {
    const me = userInfo();
    return { name: me.username, uid: me.uid, gid: me.gid, chown: false };
  }
  const name = ROOT_NODE_USER;
  withRetry(`useradd ${name}`, () => lookup(name) !== undefined, () => {
    execFileSync(requireTool("useradd", "passwd"), ["-m", "-s", "/bin/sh", name], { stdio: "pipe" });
  });
  withRetry(`usermod -p '*' ${name}`, () => !isLocked(name), () => {
    execFileSync(requireTool("usermod", "passwd"), ["-p", "*", name], { stdio: "pipe" });
  });
  const ids = lookup(name)!;
  return { name, ...ids, chown: true };
}
