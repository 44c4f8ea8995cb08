import type { Translate } from "../../locale/index.ts";
import { nodeList } from "../../grouping/node-list.ts";
import type { NodeLine, NodesSection } from "../types.ts";
import { drainingText } from "./draining.ts";
import { percent } from "./format.ts";
import type { SectionView } from "./types.ts";

/** Names on one grouped line before "... and N more" (the rest are counted). */
export const GROUP_NAMES = 10;
const KNOWN_SEVERITIES = new Set(["critical", "warning", "info"]);

/**
 * Down nodes grouped by what they said: nodes that fail the same way are one line naming them
 * ("node-2, node-7: connect ECONNREFUSED"), as `check` groups its failures. Groups keep the order
 * of their first node; nodes with no error are one group of their own.
 */
function downItems(down: NodeLine[], t: Translate): string[] {
  const groups = new Map<string, string[]>();
  for (const x of down) groups.set(x.error ?? "", [...(groups.get(x.error ?? "") ?? []), x.node]);
  return [...groups].map(([error, nodes]) => {
    const names = nodeList(nodes, { max: GROUP_NAMES, more: (count) => t("report.andMore", { count }) });
    return error ? t("report.nodes.downItem", { nodes: names, error }) : names;
  });
}

export function viewNodes(n: NodesSection, t: Translate): SectionView {
  const title = t("report.nodes.title");
  if (n.total === 0) return { title, summary: t("report.nodes.none"), facts: [], lists: [] };
  const down = n.nodes.filter((x) => !x.up);
  const below = n.nodes.filter((x) => x.uptimePercent !== null && x.uptimePercent < 100).sort((a, b) => (a.uptimePercent ?? 0) - (b.uptimePercent ?? 0));
  // Critical first across the fleet, then in the section's node order.
  const over = n.nodes
    .flatMap((x) =>
      (x.overThreshold ?? []).map((o) => ({
        critical: o.severity === "critical",
        text: t("report.nodes.overItem", { node: x.node, reading: o.reading, severity: KNOWN_SEVERITIES.has(o.severity) ? t(`alerts.severity.${o.severity as "info"}`) : o.severity }),
      })),
    )
    .sort((a, b) => Number(b.critical) - Number(a.critical))
    .map((o) => o.text);
  const pressed = n.nodes.filter((x) => x.overThreshold?.length).length;
  const uptime = n.fleetUptimePercent === null ? t("report.nodes.noSamples") : t("report.nodes.fleetAverage", { percent: percent(n.fleetUptimePercent) });
  const downLines = downItems(down, t);
  return {
    title,
    summary: `${t("report.nodes.upNow", { up: n.up, total: n.total })}${n.down === 0 ? "" : t("report.nodes.down", { count: n.down })}${pressed === 0 ? "" : t("report.nodes.pressed", { count: pressed })}`,
    facts: [{ label: t("report.nodes.uptime"), value: uptime }],
    lists: [
      { label: t("report.nodes.downNow"), items: downLines, total: downLines.length, alarming: true },
      { label: t("report.nodes.belowFull"), items: below.map((x) => `${x.node} ${percent(x.uptimePercent ?? 0)}`), total: below.length },
      { label: t("report.nodes.overThreshold"), items: over, total: over.length },
      { label: t("report.nodes.draining"), items: (n.draining ?? []).map((d) => drainingText(d, t)), total: n.draining?.length ?? 0 },
    ].filter((l) => l.total > 0),
  };
}
