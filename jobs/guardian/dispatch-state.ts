import type { NodeState } from "../../src/dispatch/node-state.ts";

/**
 * What the guardian tells dispatch about a node. A reachable node the monitor holds paused (its
 * provider account is exhausted) stays paused; an unreachable one goes offline all the same, and
 * back to paused, not online, when it answers again. A paused node the monitor no longer holds
 * goes online: nobody else would ever resume it.
 */
export function dispatchStateFor(up: boolean, heldByMonitor: boolean): NodeState {
  if (!up) return "offline";
  return heldByMonitor ? "paused" : "online";
}
