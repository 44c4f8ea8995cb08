import { OysterError } from "../../src/errors.ts";
import { restartUnit } from "../../src/restart/restart-unit.ts";
import type { SshPool } from "../../src/ssh/index.ts";
import { describeState, type UnitStatus } from "../../src/units/status-show.ts";

type Exec = Pick<SshPool, "exec">;

function firstLine(text: string): string {
  return text.trim().split("\n")[0] ?? "";
}

/**
 * node_availability's fix for units that are not running: `sudo -n systemctl restart` each, then
 * `is-active` (src/restart's restartUnit, as `oyster restart service` does it). Any unit still not
 * active fails the fix; the error names each unit, its state before and after, and why the
 * restart failed (the detection already carries the journal).
 */
export async function restartServices(ssh: Exec, node: string, down: readonly UnitStatus[]): Promise<string> {
  const done: string[] = [];
  const failed: string[] = [];
  for (const u of down) {
    const r = await restartUnit(ssh, { kind: "service", node, unit: u.unit });
    const change = `${u.unit} ${describeState(u)} -> ${r.after ?? "unknown"}`;
    if (r.ok) {
      done.push(change);
      continue;
    }
    const restart = r.steps[1];
    const why = restart && restart.code !== 0 ? ` (restart exit ${restart.code ?? "none"}: ${firstLine(restart.stderr) || "no output"})` : "";
    failed.push(`${change}${why}`);
  }
  if (failed.length) {
    const also = done.length ? `; restarted ${done.join(", ")}` : "";
    throw new OysterError("CommandFailed", `${failed.join("; ")}${also}`, { node });
  }
  return `restarted ${done.join(", ")}`;
}
