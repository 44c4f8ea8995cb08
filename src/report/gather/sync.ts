import type { Config } from "../../config/index.ts";
import { locateDispatch } from "../../dispatch/read-db.ts";
import type { Store } from "../../store/index.ts";
import { oneLine } from "../../render/one-line.ts";
import type { SyncSection } from "../types.ts";

/**
 * The last sync run that got to do something (a skipped "busy" run says nothing about the
 * nodes); its summary is the sync job's own account of what changed.
 */
export function gatherSync(store: Store, config: Config, now: Date): SyncSection {
  const run = store.jobRuns.recent("sync", 50).find((r) => r.outcome === "ok" || r.outcome === "failed");
  if (!run) {
    // Sync copies files from dispatch.dir to the nodes: without either there is nothing to sync.
    // Short reasons: Tasks already says where dispatch.dir was looked for and how to set it.
    if (locateDispatch(config).state === "not-configured") return { state: "not-configured", reason: "no dispatch.dir" };
    if (config.nodes.length === 0) return { state: "not-configured", reason: "no nodes configured" };
    return { state: "none" };
  }
  const at = run.finishedAt ?? run.startedAt;
  return {
    state: "ok",
    at,
    ageSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(at)) / 1000)),
    outcome: run.outcome,
    trigger: run.trigger,
    summary: run.summary === null ? null : oneLine(run.summary, 300),
  };
}
