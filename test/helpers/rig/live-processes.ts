// A test that throws before rig.close() must not leave sshd processes behind (they would
// keep ports and, as root, outlive the test run). Every running listener is registered
// here; on process exit, or on a fatal signal nobody else handles, we kill them
// synchronously and remove the rig dirs.
import { rmSync } from "node:fs";
import { killTreeSync } from "./process-tree.ts";

const listeners = new Set<number>();
const rigDirs = new Set<string>();
let installed = false;

function cleanupSync(): void {
  for (const pid of listeners) killTreeSync(pid);
  listeners.clear();
  for (const dir of rigDirs) rmSync(dir, { recursive: true, force: true });
  rigDirs.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on("exit", cleanupSync);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      cleanupSync();
      // Only re-raise when we were the sole handler, so the default (death) still happens
      // without stealing a graceful shutdown someone else registered.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

export function trackListener(pid: number): void {
  install();
  listeners.add(pid);
}

export function untrackListener(pid: number): void {
  listeners.delete(pid);
}

export function trackRigDir(dir: string): void {
  install();
  rigDirs.add(dir);
}

export function untrackRigDir(dir: string): void {
  rigDirs.delete(dir);
}
