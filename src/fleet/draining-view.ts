import { utcMinute } from "../render/utc-time.ts";
import type { DrainRecord } from "./drain-table.ts";

/** A node dispatch.db has `draining`, with who drained it and why when Oyster did (else nulls). */
export interface DrainingNode {
  node: string;
  by: string | null;
  reason: string | null;
  since: string | null;
}

/**
 * The draining nodes as status and the report show them. dispatch.db decides which nodes are
 * draining (someone may have set it by hand: shown without a who); state.db's records only add
 * who and why. When dispatch.db could not be read (`states` undefined), the records are all
 * there is to show.
 */
export function drainingNodes(states: ReadonlyArray<{ name: string; state: string }> | undefined, records: readonly DrainRecord[]): DrainingNode[] {
  const byNode = new Map(records.map((r) => [r.node, r] as const));
  const names = states ? states.filter((s) => s.state === "draining").map((s) => s.name) : records.map((r) => r.node);
  return [...new Set(names)].sort().map((node) => {
    const r = byNode.get(node);
    return { node, by: r?.by ?? null, reason: r?.reason ?? null, since: r?.at ?? null };
  });
}

/** "node-1 drained by cli:alice since 2026-05-01 10:00 UTC (kernel upgrade)". */
export function drainingLine(d: DrainingNode): string {
  if (d.by === null) return `${d.node} (set in dispatch.db outside Oyster: no record of who or why)`;
  return `${d.node} drained by ${d.by} since ${utcMinute(d.since)}${d.reason ? ` (${d.reason})` : ""}`;
}
