import type { NodeSync, SyncReport, SyncTotals, UnitRestart } from "./types.ts";

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

/** Restarts named in a summary line; the rest are counted (the report shows 300 characters of it). */
const RESTARTS_NAMED = 8;

const failedUnits = (n: NodeSync) => n.restarts.filter((r) => r.status === "failed").map((r) => r.unit);

function failedLabel(n: NodeSync): string {
  const units = failedUnits(n);
  return units.length > 0 ? `restart of ${units.join(", ")} failed` : (n.error?.code ?? "Failed");
}

/** "; restarted node-2-watcher on node-2, agent-daemon on node-3", or "" when nothing restarted. */
function restartsPhrase(nodes: readonly NodeSync[], dryRun: boolean): string {
  const wanted: UnitRestart["status"] = dryRun ? "would-restart" : "restarted";
  const done = nodes.flatMap((n) => n.restarts.filter((r) => r.status === wanted).map((r) => `${r.unit} on ${n.node}`));
  if (done.length === 0) return "";
  const named = done.length > RESTARTS_NAMED ? [...done.slice(0, RESTARTS_NAMED), `${done.length - RESTARTS_NAMED} more`] : done;
  return `; ${dryRun ? "would restart" : "restarted"} ${named.join(", ")}`;
}

/**
 * "20 nodes: 3 changed (7 files), 17 unchanged, 0 failed; restarted node-2-watcher on node-2":
 * the job run's summary (all that job_runs keeps, so failed nodes are named with their error
 * code, or the unit whose restart failed) and the CLI's last line.
 */
export function summarizeSync(report: Pick<SyncReport, "dryRun" | "totals" | "nodes">): string {
  const t = report.totals;
  const moved = report.dryRun ? `${t.wouldChange} would change` : `${t.changed} changed`;
  const failed = report.nodes.filter((n) => n.status === "failed").map((n) => `${n.node} (${failedLabel(n)})`);
  const which = failed.length > 0 ? `: ${failed.join(", ")}` : "";
  return `${count(t.nodes, "node")}: ${moved} (${count(t.files, "file")}), ${t.unchanged} unchanged, ${t.failed} failed${which}${restartsPhrase(report.nodes, report.dryRun)}`;
}

const listed = (n: NodeSync) => n.changed.map((f) => (n.reasons[f] ? `${f} (${n.reasons[f]})` : f)).join(", ");

const because = (r: UnitRestart) => `(${r.files.join(", ")} changed)`;

/** "; restarted node-2-watcher (task-watcher.py changed); restart of agent-daemon FAILED ..." */
function restartsText(n: NodeSync): string {
  return n.restarts
    .map((r) => {
      switch (r.status) {
        case "would-restart":
          return `; would restart ${r.unit} ${because(r)}`;
        case "restarted":
          return `; restarted ${r.unit} ${because(r)}`;
        case "failed":
          return `; restart of ${r.unit} FAILED ${because(r)}: now ${r.after ?? "unknown"}: ${r.error ?? "failed"}`;
        case "skipped":
          return `; ${r.unit} not restarted (the sync failed)`;
      }
    })
    .join("");
}

/** What happened on one node, or what would, in words: a plan step and the CLI's detail column. */
export function describeNode(n: NodeSync): string {
  switch (n.status) {
    case "unchanged":
      return `up to date (${count(n.unchanged.length, "file")})`;
    case "would-change":
      return `would push ${listed(n)}${restartsText(n)}`;
    case "changed":
      return `pushed ${listed(n)}, verified${restartsText(n)}`;
    case "failed": {
      // Failed at a restart: the push itself was done and verified, and the restarts say the rest.
      if (failedUnits(n).length > 0) return `pushed ${listed(n)}, verified${restartsText(n)}`;
      const landed = n.changed.length > 0 ? ` (pushed before the failure: ${n.changed.join(", ")})` : "";
      return `${n.error?.code ?? "Failed"}: ${n.error?.message ?? "unknown error"}${landed}${restartsText(n)}`;
    }
  }
}
