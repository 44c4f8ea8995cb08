import type { Config } from "../../src/config/index.ts";
import { readNodeStates, type NodeState } from "../../src/dispatch/node-state.ts";
import { locateDispatch } from "../../src/dispatch/read-db.ts";

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

/**
 * The nodes an operator drained (`nodes drain`, or by hand in dispatch.db): the guardian leaves
 * their state alone and does not alert on them being unavailable. Read once per run; a
 * dispatch.db that is missing or unreadable drains nothing (db_schema reports that on its own).
 */
export function drainingNodes(config: Config): Set<string> {
  const where = locateDispatch(config);
  if (where.state !== "ok") return new Set();
  try {
    return new Set(Object.entries(readNodeStates(where.db)).filter(([, state]) => state === "draining").map(([name]) => name));
  } catch {
    return new Set();
  }
}
