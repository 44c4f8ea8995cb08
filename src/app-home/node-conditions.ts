/** How the App Home shows a node, from what Oyster last stored about it (never a live probe). */
export type NodeCondition = "down" | "draining" | "paused" | "up" | "unknown";

/** The order the Home lists conditions in: what needs a person first. */
export const CONDITION_ORDER: readonly NodeCondition[] = ["down", "draining", "paused", "up", "unknown"];

export interface StoredNodeFacts {
  /** dispatch.db's `nodes.state` per node; undefined when dispatch.db could not be read. */
  dispatchStates: Readonly<Record<string, string>> | undefined;
  /** Nodes with a drain record in state.db (who and why). */
  drained: ReadonlySet<string>;
  /** Nodes the monitor holds paused for an exhausted account. */
  held: ReadonlySet<string>;
  /** The guardian's newest availability sample per node. */
  lastSample: ReadonlyMap<string, { up: boolean; at: string }>;
}

/**
 * One node's condition. Down comes first: an unreachable machine is a fact whatever else holds
 * (a drained node that stopped answering is still down). Then draining (dispatch.db says so, or
 * only the drain record when dispatch.db was unreadable), paused (held by the monitor or paused in
 * dispatch.db), up; unknown when the guardian has not sampled it yet and dispatch.db says nothing.
 */
export function nodeCondition(node: string, facts: StoredNodeFacts): NodeCondition {
  const state = facts.dispatchStates?.[node];
  const sample = facts.lastSample.get(node);
  if (sample ? !sample.up : state === "offline") return "down";
  if (state === "draining" || (facts.dispatchStates === undefined && facts.drained.has(node))) return "draining";
  if (state === "paused" || facts.held.has(node)) return "paused";
  if (sample?.up || state === "online") return "up";
  return "unknown";
}

/** Nodes by condition, each list in the order given (the config's). */
export function groupByCondition(nodes: readonly string[], facts: StoredNodeFacts): Record<NodeCondition, string[]> {
  const groups: Record<NodeCondition, string[]> = { down: [], draining: [], paused: [], up: [], unknown: [] };
  for (const node of nodes) groups[nodeCondition(node, facts)].push(node);
  return groups;
}
