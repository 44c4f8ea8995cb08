import type { Limiter } from "../async/limiter.ts";
import type { Config } from "../config/index.ts";
import { secretEnvNames } from "../secrets/index.ts";
import { controllerProcesses } from "./controller-processes.ts";
import { dispatchCommand } from "./dispatch-command.ts";
import { dispatchDir } from "./resolve-target.ts";
import { runLocal, type LocalResult } from "./run-local.ts";
import { STEP_OUTPUT_BYTES } from "./restart-unit.ts";
import type { DispatchTarget, RestartData, RestartStep } from "./types.ts";

export const CONTROLLER = "controller";

/**
 * Oyster's secrets (Slack, SMTP, the provider keys oyster.json names, OCI's) are no business of
 * dispatch or of the agent tasks it starts, unless `dispatch.passEnv` names one; the rest of the
 * environment (PATH, HOME, ...) passes through as it would from the operator's shell. A passed
 * secret's value is still scrubbed from the output shown (src/command/invoke.ts).
 */
export function dispatchEnv(env: NodeJS.ProcessEnv, config: Config): NodeJS.ProcessEnv {
  const pass = new Set(config.oyster.dispatch.passEnv);
  const withheld = new Set(secretEnvNames(config).filter((name) => !pass.has(name)));
  return Object.fromEntries(Object.entries(env).filter(([name]) => !withheld.has(name)));
}

export interface DispatchDeps {
  config: Config;
  env: NodeJS.ProcessEnv;
  /** The bound on controller processes; the process-wide one unless a test passes its own. */
  slots?: Limiter;
}

export function toStep(command: string, r: LocalResult): RestartStep {
  return {
    where: CONTROLLER,
    command,
    code: r.code,
    stdout: r.stdout,
    stderr: r.stderr,
    durationMs: r.durationMs,
    ...(r.timedOut ? { timedOut: true } : {}),
    ...(r.truncated ? { truncated: true } : {}),
  };
}

/** The stop and start lines as they will run, for the plan and the result alike. */
export function dispatchCommands(config: Config, project: string): { stop: string; start: string } {
  const { startCommand, stopCommand } = config.oyster.dispatch;
  return { stop: dispatchCommand(stopCommand, project), start: dispatchCommand(startCommand, project) };
}

/**
 * Stop, then start, in dispatch.dir on the controller. A stop that exits non-zero (often "not
 * running") does not prevent the start: a restart should leave dispatch running, as `systemctl
 * restart` does. A stop that timed out does: dispatch may still be running, and a second one
 * would schedule the same tasks twice. Success is the start exiting 0. One controller-process
 * slot is held across both steps, so a stop is never left without its start for want of room.
 */
export async function restartDispatch(deps: DispatchDeps, target: DispatchTarget): Promise<RestartData> {
  const cwd = dispatchDir(deps.config);
  const opts = { cwd, env: dispatchEnv(deps.env, deps.config), timeoutMs: deps.config.oyster.ssh.commandTimeoutMs, maxOutputBytes: STEP_OUTPUT_BYTES };
  const { stop, start } = dispatchCommands(deps.config, target.project);
  const steps = await (deps.slots ?? controllerProcesses).run(`restart dispatch ${target.project}`, async () => {
    const done = [toStep(stop, await runLocal(stop, opts))];
    if (!done[0]!.timedOut) done.push(toStep(start, await runLocal(start, opts)));
    return done;
  });
  const started = steps[1];
  return { target, steps, ok: started !== undefined && started.code === 0 };
}
