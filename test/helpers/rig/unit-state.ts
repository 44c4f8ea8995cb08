// The rig's side of the shims' state files. As root, anything the rig writes here is
// chowned to the node user so the shims (running as that user) can still update it.
import { chownSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { NodeUser } from "./node-user.ts";

// Unit names become file names: refuse anything that could escape the units dir.
function unitFile(stateDir: string, unit: string): string {
  const name = unit.replace(/\.service$/, "");
  if (!/^[A-Za-z0-9@_.:-]+$/.test(name) || name.startsWith(".")) throw new Error(`bad unit name: ${unit}`);
  return join(stateDir, "units", name);
}

export function writeOwned(path: string, content: string, owner: NodeUser): void {
  writeFileSync(path, content);
  if (owner.chown) chownSync(path, owner.uid, owner.gid);
}

/** Every configured service starts out active (and enabled, by the shim's default). */
export function initUnits(stateDir: string, services: string[], owner: NodeUser): void {
  for (const unit of services) writeOwned(unitFile(stateDir, unit), "active\n", owner);
  writeOwned(join(stateDir, "calls.log"), "", owner);
}

// Marking broken also fails the unit now (it "crashed"); un-marking leaves it failed until
// something restarts it, as with a real unit whose cause was fixed.
export function markBroken(stateDir: string, unit: string, broken: boolean, owner: NodeUser): void {
  const file = unitFile(stateDir, unit);
  if (broken) {
    writeOwned(`${file}.broken`, "", owner);
    writeOwned(file, "failed\n", owner);
  } else {
    rmSync(`${file}.broken`, { force: true });
  }
}

// A held unit's start/restart blocks inside the shim until released; `.held` exists while one
// is blocked there, so a test can count restarts in flight and release them in its own order.
export function holdRestarts(stateDir: string, unit: string, hold: boolean, owner: NodeUser): void {
  const file = unitFile(stateDir, unit);
  if (hold) writeOwned(`${file}.hold`, "", owner);
  else rmSync(`${file}.hold`, { force: true });
}

export function restartHeld(stateDir: string, unit: string): boolean {
  return existsSync(`${unitFile(stateDir, unit)}.held`);
}

export function unitState(stateDir: string, unit: string): string {
  const file = unitFile(stateDir, unit);
  if (!existsSync(file)) return "inactive";
  return readFileSync(file, "utf8").split("\n")[0] || "inactive";
}

export function readCalls(stateDir: string): string[] {
  const path = join(stateDir, "calls.log");
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8").split("\n").filter((l) => l.length > 0);
}
