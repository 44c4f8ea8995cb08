import type { Config } from "../config/index.ts";
import { toOysterError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { runRecorded } from "../scheduler/run-recorded.ts";
import { remoteShellPath, type SshPool } from "../ssh/index.ts";
import type { Store } from "../store/index.ts";
import { describeNode, summarizeSync, syncFleet, type SyncReport } from "../sync/index.ts";
import { readLocalFiles } from "../sync/local-files.ts";

export interface FirstSyncDeps {
  config: Config;
  ssh: SshPool;
  /** When given, the sync takes the `job:sync` lock every Oyster process shares and is recorded as a sync run. */
  store?: Store;
  /** Who the recorded sync run is for (job_runs.owner). */
  owner: string;
}

export interface FirstSyncOutcome {
  status: "ok" | "failed" | "skipped";
  detail: string;
}

const WAIT_FOR_SYNC_LOCK_MS = 60_000;

/**
 * A node that just joined the fleet: its dispatch dir created, then the core files (`sync.files`)
 * pushed to it alone. Only for a node whose nodes.json entry Oyster itself has just written (the
 * OCI grab's join, `nodes add`): sync itself never creates a dispatch dir, since a typo in
 * nodes.json would grow a stray copy. Never throws: the outcome says what happened.
 */
export async function firstSync(deps: FirstSyncDeps, log: Logger, node: string, dispatchDir: string): Promise<FirstSyncOutcome> {
  const fail = (detail: string): FirstSyncOutcome => ({ status: "failed", detail });
  try {
    // Checked before anything touches the node: no dispatch dir here is "not configured".
    readLocalFiles(deps.config.oyster.dispatch.dir, deps.config.oyster.sync.files);
    const dir = remoteShellPath(dispatchDir);
    const made = await deps.ssh.exec(node, `if [ -d ${dir} ]; then echo present; else mkdir -p ${dir} && echo created; fi`);
    if (made.code !== 0) return fail(`cannot create ${dispatchDir} on the node: ${made.stderr.trim().split("\n")[0] || `exit ${made.code}`}`);
    const created = made.stdout.trim() === "created" ? `created ${dispatchDir}; ` : "";

    let report: SyncReport | undefined;
    let thrown: unknown;
    const run = async () => {
      try {
        report = await syncFleet({ config: deps.config, ssh: deps.ssh, log }, { nodes: [node], dryRun: false });
      } catch (err) {
        thrown = err;
        throw err;
      }
      return { ok: report.ok, summary: summarizeSync(report) };
    };
    if (deps.store) {
      const outcome = await runRecorded(deps.store, log, { job: "sync", trigger: "manual", owner: deps.owner, waitMs: WAIT_FOR_SYNC_LOCK_MS }, run);
      if (!outcome.ran) return fail(`busy: ${outcome.reason}`);
      // Recorded as a failed run; the outcome still reports the error itself.
      if (thrown !== undefined) throw thrown;
      if (!report) return fail(outcome.result.summary);
    } else {
      await run();
    }
    const n = report!.nodes[0]!;
    if (n.status === "failed") return fail(`${created}${describeNode(n)}`);
    const copied = n.changed.length > 0 ? `copied ${n.changed.join(", ")}` : "copied nothing";
    return { status: "ok", detail: `${created}${copied}; ${n.unchanged.length} already current` };
  } catch (err) {
    const e = toOysterError(err);
    return { status: e.code === "NotConfigured" ? "skipped" : "failed", detail: e.message };
  }
}
