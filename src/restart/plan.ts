import type { Config } from "../config/index.ts";
import type { Plan } from "../command/types.ts";
import { toOysterError } from "../errors.ts";
import type { SshPool } from "../ssh/index.ts";
import { dispatchCommands } from "./restart-dispatch.ts";
import type { RestartTarget, UnitTarget } from "./types.ts";
import { isActiveCommand, restartCommand } from "./unit-commands.ts";

export interface PlanDeps {
  config: Config;
  ssh: Pick<SshPool, "exec">;
}

// Read-only, and only so the operator sees what they are about to bounce. A node that cannot be
// read now is said so in the plan; whether to go ahead is the operator's call.
export async function currentState(ssh: PlanDeps["ssh"], t: UnitTarget): Promise<string> {
  try {
    const r = await ssh.exec(t.node, isActiveCommand(t.unit));
    return `now ${r.stdout.trim().split("\n")[0] || "unknown"}`;
  } catch (err) {
    const e = toOysterError(err);
    return `state unknown: ${e.message}`;
  }
}

const WHAT: Record<UnitTarget["kind"], string> = { daemon: "the agent daemon", watcher: "the watcher", service: "a service" };

/** What will run where, shown before the operator confirms. */
export async function restartPlan(deps: PlanDeps, target: RestartTarget): Promise<Plan> {
  if (target.kind === "guardian") {
    return {
      summary: "ask the running bot to reload its config and restart its guardian job",
      steps: ["through state.db: the bot reads the four config files again (a config that does not validate changes nothing and is reported)", "then schedules the guardian again from the new config"],
    };
  }
  if (target.kind === "dispatch") {
    const { stop, start } = dispatchCommands(deps.config, target.project);
    return {
      summary: `restart dispatch for project ${target.project}, on the controller in ${target.dir}`,
      steps: [`on the controller: ${stop}`, `then on the controller: ${start}`],
    };
  }
  const state = await currentState(deps.ssh, target);
  return {
    summary: `restart ${target.unit} (${WHAT[target.kind]}) on ${target.node}`,
    steps: [`on ${target.node}: ${restartCommand(target.unit)} (${state})`, `then on ${target.node}: ${isActiveCommand(target.unit)} to confirm`],
  };
}
