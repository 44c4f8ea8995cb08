import type { NodeSync, SyncReport, SyncTotals } from "./types.ts";

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function totalsOf(nodes: readonly NodeSync[]): SyncTotals {
  const of = (s: NodeSync["status"]) => nodes.filter((n) => n.status === s);
  const moving = nodes.filter((n) => n.status === "changed" || n.status === "would-change");
  return {
    nodes: nodes.length,
    changed: of("changed").length,
    unchanged: of("unchanged").length,
    failed: of("failed").length,
    wouldChange: of("would-change").length,
    files: moving.reduce((sum, n) => sum + n.changed.length, 0),
  };
}

/**
 * "20 nodes: 3 changed (7 files), 17 unchanged, 0 failed": the job run's summary (all that
 * job_runs keeps, so failed nodes are named with their error code) and the CLI's last line.
 */
export function summarizeSync(report: Pick<SyncReport, "dryRun" | "totals" | "nodes">): string {
  const t = report.totals;
  const moved = report.dryRun ? `${t.wouldChange} would change` : `${t.changed} changed`;
  const failed = report.nodes.filter((n) => n.status === "failed").map((n) => `${n.node} (${n.error?.code ?? "Failed"})`);
  const which = failed.length > 0 ? `: ${failed.join(", ")}` : "";
  return `${count(t.nodes, "node")}: ${moved} (${count(t.files, "file")}), ${t.unchanged} unchanged, ${t.failed} failed${which}`;
}

const listed = (n: NodeSync) => n.changed.map((f) => (n.reasons[f] ? `${f} (${n.reasons[f]})` : f)).join(", ");

/** What happened on one node, or what would, in words: a plan step and the CLI's detail column. */
export function describeNode(n: NodeSync): string {
  switch (n.status) {
    case "unchanged":
      return `up to date (${count(n.unchanged.length, "file")})`;
    case "would-change":
      return `would push ${listed(n)}`;
    case "changed":
      return `pushed ${listed(n)}, verified`;
    case "failed": {
      const landed = n.changed.length > 0 ? ` (pushed before the failure: ${n.changed.join(", ")})` : "";
      return `${n.error?.code ?? "Failed"}: ${n.error?.message ?? "unknown error"}${landed}`;
    }
  }
}
