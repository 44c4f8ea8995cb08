import type { Config } from "../config/index.ts";
import { OysterError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { NO_PROGRESS, type Progress } from "../progress/progress.ts";
import { trackNodes } from "../progress/track-nodes.ts";
import type { SshPool } from "../ssh/index.ts";
import { readLocalFiles } from "./local-files.ts";
import { restartChanged, unitRestarter, type RestartOne } from "./restart-changed.ts";
import { totalsOf } from "./summary.ts";
import { syncNode } from "./sync-node.ts";
import type { NodeSync, SyncReport } from "./types.ts";

export interface SyncDeps {
  config: Config;
  ssh: SshPool;
  log: Logger;
  /** How a `sync.restart` unit is restarted; `restart service`'s steps unless a caller swaps them. */
  restart?: RestartOne;
  /** Told as each node settles (a live line on a terminal, Slack's reply); nothing when absent. */
  progress?: Progress;
}

export interface SyncOptions {
  /** Only these nodes; empty or absent means the whole fleet. */
  nodes?: string[];
  /** Hash and compare only: nothing is sent. */
  dryRun: boolean;
  /** Aborted at shutdown: nodes not started yet are reported failed rather than begun. */
  signal?: AbortSignal;
}

/** The fleet, or the named nodes (deduplicated); an unknown name throws before any connection. */
export function selectNodes(ssh: SshPool, names: readonly string[] = []): string[] {
  const chosen = names.length > 0 ? [...new Set(names)] : ssh.nodeNames;
  for (const n of chosen) ssh.target(n);
  return chosen;
}

/**
 * Pushes `sync.files` from the controller's dispatch dir to each node's dispatch dir, sending only
 * files whose content or mode differs, nodes in parallel (ssh.concurrency). Bad node names and
 * missing local files throw before anything is sent; a node that fails (down, hung, read-only)
 * is reported as failed and never stops the others. Right after a node's push, the
 * `sync.restart` units of the files it had replaced are restarted on that node (restart-changed.ts).
 */
export async function syncFleet(deps: SyncDeps, opts: SyncOptions): Promise<SyncReport> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const names = selectNodes(deps.ssh, opts.nodes);
  const files = deps.config.oyster.sync.files;
  const local = readLocalFiles(deps.config.oyster.dispatch.dir, files);
  const timeoutMs = deps.config.oyster.ssh.commandTimeoutMs;
  const restartMap = deps.config.oyster.sync.restart;
  const restart = deps.restart ?? unitRestarter(deps.ssh);

  const progress = trackNodes(deps.progress ?? NO_PROGRESS, opts.dryRun ? "syncCompare" : "sync", names.length);
  const outcomes = await deps.ssh
    .forEach(names, (target) =>
      progress.run(target.name, async () => {
        if (opts.signal?.aborted) throw new OysterError("CommandFailed", `${target.name}: not synced: Oyster is shutting down`, { node: target.name });
        const synced = await syncNode(deps.ssh, target, local, { dryRun: opts.dryRun, timeoutMs });
        return restartChanged(synced, restartMap, restart);
      }),
    )
    .finally(() => progress.end());
  const nodes: NodeSync[] = outcomes.map((o) =>
    o.ok ? o.value : { node: o.node, status: "failed", changed: [], unchanged: [], reasons: {}, restarts: [], error: { code: o.error.code, message: o.error.message } },
  );

  for (const n of nodes) {
    // A dry run (also the plan shown before confirmation) changes nothing: its failures are news.
    if (n.status === "failed") deps.log[opts.dryRun ? "info" : "warn"]({ node: n.node, code: n.error?.code, error: n.error?.message, pushed: n.changed, dryRun: opts.dryRun }, "sync failed on node");
    else if (n.status === "changed") deps.log.info({ node: n.node, files: n.changed }, "sync pushed files");
    for (const r of n.restarts) {
      if (r.status === "restarted") deps.log.info({ node: n.node, unit: r.unit, files: r.files, after: r.after }, "sync restarted unit");
      else if (r.status === "failed") deps.log.warn({ node: n.node, unit: r.unit, files: r.files, after: r.after, error: r.error }, "sync restart failed");
    }
  }
  return {
    ok: nodes.every((n) => n.status !== "failed"),
    dryRun: opts.dryRun,
    startedAt,
    durationMs: Math.round(performance.now() - t0),
    files: [...files],
    nodes,
    totals: totalsOf(nodes),
  };
}
