import { OysterError } from "../errors.ts";
import type { SshPool } from "../ssh/index.ts";
import { showCommand, unitStatuses, type UnitStatus } from "./status-show.ts";

type Exec = Pick<SshPool, "exec">;

/** A node's units are a few lines each: anything near this is not systemctl's answer. */
const SHOW_OUTPUT_BYTES = 64 * 1024;

/**
 * The units' states in one round trip. A `systemctl show` that fails or answers something that
 * cannot be paired with the units asked for is a CommandFailed naming the node and what it said.
 */
export async function readUnitStatuses(ssh: Exec, node: string, units: readonly string[]): Promise<UnitStatus[]> {
  const command = showCommand(units);
  const r = await ssh.exec(node, command, { maxOutputBytes: SHOW_OUTPUT_BYTES });
  const statuses = r.code === 0 ? unitStatuses(units, r.stdout) : null;
  if (!statuses) {
    const said = (r.stderr.trim() || r.stdout.trim()).split("\n").slice(0, 3).join(" | ") || "no output";
    throw new OysterError("CommandFailed", `${node}: systemctl show exited ${r.code ?? r.signal ?? "?"}: ${said}`, { node, command, code: r.code });
  }
  return statuses;
}
