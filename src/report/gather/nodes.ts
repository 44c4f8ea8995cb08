import { uptimeShare } from "../../store/availability.ts";
import type { Db } from "../../store/index.ts";
import { oneLine } from "../../render/one-line.ts";
import { assessResources } from "../../resources/assess.ts";
import type { ResourceReading, ResourceThresholds } from "../../resources/types.ts";
import type { NodeLine, NodesSection, Reachability, ResourceLine } from "../types.ts";

const percent = (share: number) => Math.round(share * 1000) / 10;

/** What is over a line now, critical first; a disk that could not be read is not "over" anything. */
function overThreshold(r: ResourceReading, t: ResourceThresholds): ResourceLine[] {
  const over = assessResources(r, t, () => "ok").assessments.filter((a) => a.level !== "ok" && a.check !== "disk");
  const lines = over.map((a) => ({ check: a.check, severity: a.level as ResourceLine["severity"], reading: oneLine(a.reading) }));
  return lines.sort((a, b) => Number(b.severity === "critical") - Number(a.severity === "critical"));
}

/**
 * Up/down from the live probe, uptime from the guardian's samples. Down nodes come first (they
 * are what the reader looks for), then by name, so the order does not depend on probe timing.
 */
export function gatherNodes(db: Db, reach: Reachability[], since: Date, thresholds: ResourceThresholds): NodesSection {
  const nodes: NodeLine[] = reach.map((r) => {
    const share = uptimeShare(db, r.node, since);
    const over = r.up && r.resources ? overThreshold(r.resources, thresholds) : [];
    return {
      node: oneLine(r.node, 100),
      up: r.up,
      ...(r.up || r.error === undefined ? {} : { error: oneLine(r.error) }),
      uptimePercent: share === null ? null : percent(share),
      ...(over.length ? { overThreshold: over } : {}),
    };
  });
  nodes.sort((a, b) => Number(a.up) - Number(b.up) || a.node.localeCompare(b.node));
  const known = nodes.map((n) => n.uptimePercent).filter((p): p is number => p !== null);
  const up = nodes.filter((n) => n.up).length;
  return {
    total: nodes.length,
    up,
    down: nodes.length - up,
    fleetUptimePercent: known.length === 0 ? null : Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 10) / 10,
    nodes,
  };
}
