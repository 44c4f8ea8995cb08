// The exit handler cannot run when a test process is SIGKILLed (a runner timeout, a
// crash): its sshd processes would linger and keep their ports. Each rig records its
// owner pid; a later rig reaps rigs whose owner is gone. The pid in sshd.pid is only
// killed if its command line still names that rig dir, so a reused pid is never hit.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { killTreeSync } from "./process-tree.ts";
import { processAlive } from "../../../src/store/lock.ts";

const OWNER_FILE = "owner.pid";

export function recordOwner(rigDir: string): void {
  writeFileSync(join(rigDir, OWNER_FILE), `${process.pid}\n`);
}


function readPid(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, "utf8").trim());
    return Number.isInteger(pid) && pid > 1 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function commandOf(pid: number): string {
  return spawnSync("ps", ["-o", "command=", "-p", String(pid)], { encoding: "utf8" }).stdout ?? "";
}

export function reapStaleRigs(parent: string, prefix: string): void {
  let entries: string[];
  try {
    entries = readdirSync(parent).filter((e) => e.startsWith(prefix));
  } catch {
    return;
  }
  for (const entry of entries) {
    const rigDir = join(parent, entry);
    const owner = readPid(join(rigDir, OWNER_FILE));
    // No owner file yet may mean a rig being created right now by another process.
    if (owner === undefined || processAlive(owner)) continue;
    let nodes: string[] = [];
    try {
      nodes = readdirSync(rigDir).filter((e) => e.startsWith("node-"));
    } catch {
      continue;
    }
    for (const node of nodes) {
      const pid = readPid(join(rigDir, node, "sshd.pid"));
      if (pid !== undefined && commandOf(pid).includes(rigDir)) killTreeSync(pid);
    }
    try {
      rmSync(rigDir, { recursive: true, force: true });
    } catch {
      // another user's rig (EACCES): not ours to remove
    }
  }
}
