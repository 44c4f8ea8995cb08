import { toOysterError } from "../errors.ts";
import type { SshPool } from "../ssh/index.ts";
import type { RestartData, RestartStep, UnitTarget } from "./types.ts";
import { isActiveCommand, restartCommand } from "./unit-commands.ts";

/** Output kept per stream and step: enough for systemd's error lines, not a runaway log. */
export const STEP_OUTPUT_BYTES = 16 * 1024;

type Exec = Pick<SshPool, "exec">;

async function step(ssh: Exec, node: string, command: string): Promise<RestartStep> {
  const r = await ssh.exec(node, command, { maxOutputBytes: STEP_OUTPUT_BYTES });
  return { where: node, command, code: r.code, stdout: r.stdout, stderr: r.stderr, durationMs: r.durationMs, ...(r.truncated ? { truncated: true } : {}) };
}

/** A step that could not finish (timeout, dropped connection) is still reported, as a failure. */
async function stepOrFailure(ssh: Exec, node: string, command: string): Promise<RestartStep> {
  const started = performance.now();
  try {
    return await step(ssh, node, command);
  } catch (err) {
    const e = toOysterError(err);
    const durationMs = Math.round(performance.now() - started);
    return { where: node, command, code: null, stdout: "", stderr: `${e.code}: ${e.message}`, durationMs, ...(e.code === "SshTimeout" ? { timedOut: true } : {}) };
  }
}

function stateOf(s: RestartStep): string {
  return s.code === null ? "unknown" : s.stdout.trim().split("\n")[0] || "unknown";
}

/**
 * is-active, restart, is-active as three execs on the node's kept connection rather than one
 * command line with markers: each step keeps its own exit code, stderr and timeout without
 * parsing output we do not control, and the "after" state is still read when the restart fails
 * or times out. Over a warm connection the two extra round trips cost a few milliseconds.
 *
 * If the first read fails, nothing has been changed, so that error is thrown as it is. Success is
 * a zero exit from the restart and the unit active afterwards.
 */
export async function restartUnit(ssh: Exec, target: UnitTarget): Promise<RestartData> {
  const before = await step(ssh, target.node, isActiveCommand(target.unit));
  const restart = await stepOrFailure(ssh, target.node, restartCommand(target.unit));
  const after = await stepOrFailure(ssh, target.node, isActiveCommand(target.unit));
  return {
    target,
    steps: [before, restart, after],
    before: stateOf(before),
    after: stateOf(after),
    // A unit that restarts "successfully" and dies at once is not restarted.
    ok: restart.code === 0 && stateOf(after) === "active",
  };
}
