import type { InstalledUnit } from "./probe.ts";
import type { NodeUnit } from "./node-units.ts";
import type { FileChange, UnitDecision } from "./types.ts";

// States after which `systemctl enable` has nothing to do (static units have no [Install]).
const ENABLED = new Set(["enabled", "enabled-runtime", "static", "alias", "indirect", "generated", "linked", "linked-runtime"]);

/**
 * What to do to one unit, from the rendered file's hash and what the node holds. Only what
 * differs is touched: a unit whose file is the same, enabled and active is left alone, which is
 * what makes a second run a no-op.
 */
export function decideUnit(unit: NodeUnit, path: string, renderedSha256: string, installed: InstalledUnit): UnitDecision {
  const file: FileChange = installed.sha256 === null ? "new" : installed.sha256 === renderedSha256 ? "same" : "changed";
  const start = file === "new" ? "start" : file === "changed" ? "restart" : installed.active === "active" ? null : "start";
  return {
    unit: unit.unit,
    template: unit.template,
    path,
    file,
    enable: file === "new" || !ENABLED.has(installed.enabled),
    start,
    enabledBefore: installed.enabled,
    activeBefore: installed.active,
  };
}

export function needsWork(d: UnitDecision): boolean {
  return d.file !== "same" || d.enable || d.start !== null;
}
