import type { Plan } from "../command/types.ts";
import type { SshPool } from "../ssh/index.ts";
import { currentState } from "./plan.ts";
import { rollPace, rollWhat, rollWhere } from "./roll-describe.ts";
import type { RollTarget } from "./types.ts";
import { isActiveCommand, restartCommand } from "./unit-commands.ts";

/**
 * Every node of the roll, in order, with its unit, the command and the unit's state now (read
 * on all nodes at once: read-only, and the operator should not wait a roll's length for a plan).
 */
export async function rollPlan(ssh: Pick<SshPool, "exec">, roll: RollTarget): Promise<Plan> {
  const states = await Promise.all(roll.nodes.map((t) => currentState(ssh, t)));
  const daemonUnit = roll.kind === "daemon" ? roll.nodes[0]?.unit : undefined;
  return {
    summary: `restart ${rollWhat(roll.kind, roll.unit, daemonUnit)} on ${rollWhere(roll, roll.nodes.length)}, ${rollPace(roll.parallel)}, each checked with is-active; the first failure stops the roll and the nodes not started yet are left untouched`,
    steps: roll.nodes.map((t, i) => `on ${t.node}: ${restartCommand(t.unit)} (${states[i]}), then ${isActiveCommand(t.unit)}`),
  };
}
