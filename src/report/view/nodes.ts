import { drainingLine } from "../../fleet/draining-view.ts";
import type { NodesSection } from "../types.ts";
import { percent } from "./format.ts";
import type { SectionView } from "./types.ts";

export function viewNodes(n: NodesSection): SectionView {
  if (n.total === 0) return { title: "Nodes", summary: "no nodes configured (add them to config/nodes.json)", facts: [], lists: [] };
  const down = n.nodes.filter((x) => !x.up);
  const below = n.nodes.filter((x) => x.uptimePercent !== null && x.uptimePercent < 100).sort((a, b) => (a.uptimePercent ?? 0) - (b.uptimePercent ?? 0));
  // Critical first across the fleet, then in the section's node order.
  const over = n.nodes
    .flatMap((x) => (x.overThreshold ?? []).map((o) => ({ critical: o.severity === "critical", text: `${x.node}: ${o.reading} (${o.severity})` })))
    .sort((a, b) => Number(b.critical) - Number(a.critical))
    .map((o) => o.text);
  const pressed = n.nodes.filter((x) => x.overThreshold?.length).length;
  const uptime = n.fleetUptimePercent === null ? "no samples yet (the guardian records them)" : `${percent(n.fleetUptimePercent)} fleet average`;
  return {
    title: "Nodes",
    summary: `${n.up}/${n.total} up now${n.down === 0 ? "" : `, ${n.down} down`}${pressed === 0 ? "" : `, ${pressed} over a resource threshold`}`,
    facts: [{ label: "uptime 24 h", value: uptime }],
    lists: [
      { label: "down now", items: down.map((x) => (x.error ? `${x.node}: ${x.error}` : x.node)), total: down.length },
      { label: "uptime below 100%", items: below.map((x) => `${x.node} ${percent(x.uptimePercent ?? 0)}`), total: below.length },
      { label: "over a resource threshold", items: over, total: over.length },
      { label: "draining", items: (n.draining ?? []).map(drainingLine), total: n.draining?.length ?? 0 },
    ].filter((l) => l.total > 0),
  };
}
