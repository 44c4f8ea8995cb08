import type { Config } from "../config/index.ts";
import { controllerProcesses } from "./controller-processes.ts";
import { dispatchCommand } from "./dispatch-command.ts";
import { dispatchEnv, toStep, type DispatchDeps } from "./restart-dispatch.ts";
import { dispatchDir } from "./resolve-target.ts";
import { STEP_OUTPUT_BYTES } from "./restart-unit.ts";
import { runLocal } from "./run-local.ts";
import type { RestartStep } from "./types.ts";

export type DispatchAction = "status" | "start" | "stop";

export interface DispatchActionData {
  action: DispatchAction;
  project: string | null;
  dir: string;
  step: RestartStep;
  ok: boolean;
}

const TEMPLATE = { status: "statusCommand", start: "startCommand", stop: "stopCommand" } as const;

/** The command line as it will run: the operator's template with `{project}` filled, quoted. */
export function dispatchActionCommand(config: Config, action: DispatchAction, project: string | null): string {
  const template = config.oyster.dispatch[TEMPLATE[action]];
  return project === null ? template.replaceAll("{project}", "").trimEnd() : dispatchCommand(template, project);
}

/**
 * `oyster dispatch status|start|stop`: one of dispatch's own commands in dispatch.dir on the
 * controller, its output shown; Oyster's secrets are kept out of its environment (dispatchEnv).
 * It holds a controller-process slot while it runs (controller-processes.ts).
 */
export async function runDispatchAction(deps: DispatchDeps, action: DispatchAction, project: string | null): Promise<DispatchActionData> {
  const dir = dispatchDir(deps.config);
  const command = dispatchActionCommand(deps.config, action, project);
  const label = `dispatch ${action}${project === null ? "" : ` ${project}`}`;
  const opts = { cwd: dir, env: dispatchEnv(deps.env, deps.config), timeoutMs: deps.config.oyster.ssh.commandTimeoutMs, maxOutputBytes: STEP_OUTPUT_BYTES };
  const r = await (deps.slots ?? controllerProcesses).run(label, () => runLocal(command, opts));
  const step = toStep(command, r);
  return { action, project, dir, step, ok: step.code === 0 };
}
