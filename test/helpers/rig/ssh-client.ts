// Driving the rig with the real OpenSSH client, for tests that want to prove something
// independently of the product's own ssh2 code. Not part of the rig API in index.ts.
import { spawn, type ChildProcess } from "node:child_process";
import type { Rig } from "./types.ts";

export interface SshResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Strict, non-interactive ssh to a rig node; ConnectTimeout covers banner and kex too. */
export function sshArgs(rig: Rig, node: string, command: string, connectTimeoutS = 3): string[] {
  return [
    "-F", rig.sshConfigPath,
    "-o", `UserKnownHostsFile=${rig.knownHostsPath}`,
    "-o", "StrictHostKeyChecking=yes",
    "-o", "BatchMode=yes",
    "-o", `ConnectTimeout=${connectTimeoutS}`,
    node, command,
  ];
}

export function runSsh(rig: Rig, node: string, command: string): Promise<SshResult> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn("ssh", sshArgs(rig, node, command), { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: Date.now() - t0 }));
  });
}

export interface KeptSession {
  child: ChildProcess;
  /** Everything the remote `cat` echoed so far. */
  output(): string;
  closed: Promise<void>;
}

/** A kept-open session running `cat`: what is written comes back while the node is healthy. */
export function keptSession(rig: Rig, node: string): KeptSession {
  const child = spawn("ssh", sshArgs(rig, node, "cat"), { stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  const closed = new Promise<void>((r) => child.on("close", () => r()));
  return { child, output: () => out, closed };
}
