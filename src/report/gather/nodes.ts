import { uptimeShare } from "../../store/availability.ts";
import type { Db } from "../../store/index.ts";
import { oneLine } from "../../render/one-line.ts";
import type { NodeLine, NodesSection, Reachability } from "../types.ts";

const percent = (share: number) => Math.round(share * 1000) / 10;

/**
 * Up/down from the live probe, uptime from the guardian's samples. Down nodes come first (they
 * are what the reader looks for), then by name, so the order does not depend on probe timing.
 */
export function gatherNodes(db: Db, reach: Reachability[], since: Date): NodesSection {
  const nodes: NodeLine[] = reach.map((r) => {
    const share = uptimeShare(db, r.node, since);
    return {
      node: oneLine(r.node, 100),
      up: r.up,
      ...(r.up || r.error === undefined ? {} : { error: oneLine(r.error) }),
      uptimePercent: share === null ? null : percent(share),
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
