import type { RollTarget, UnitKind } from "./types.ts";

/** What a roll restarts and on which nodes, in the words the plan and the result both use. */
export function rollWhat(kind: UnitKind, unit: string | undefined, daemonUnit?: string): string {
  if (kind === "watcher") return "each node's watcher";
  if (kind === "daemon") return daemonUnit ? `${daemonUnit} (the agent daemon)` : "the agent daemon";
  return unit ?? "a service";
}

export function rollWhere(target: Pick<RollTarget, "all" | "tag">, count: number): string {
  const nodes = `${count} node${count === 1 ? "" : "s"}`;
  if (target.all) return `all ${nodes} in nodes.json`;
  if (target.tag !== undefined) return `${nodes} tagged ${target.tag}`;
  return nodes;
}

export function rollPace(parallel: number): string {
  return parallel === 1 ? "one at a time" : `${parallel} at a time`;
}
