import type { AlertBook } from "../../src/alerts/alert-book.ts";
import type { Config } from "../../src/config/index.ts";
import { setNodeStates } from "../../src/dispatch/node-state.ts";
import { locateDispatch } from "../../src/dispatch/read-db.ts";
import { inspectDispatchSchema } from "../../src/dispatch/schema.ts";
import type { Logger } from "../../src/log.ts";
import { mapLimit } from "../../src/async/map-limit.ts";
import type { SshPool } from "../../src/ssh/index.ts";
import type { Store } from "../../src/store/index.ts";
import { PausedNodesTable } from "../../src/monitor/paused-nodes-table.ts";
import { secretsFor } from "../../src/secrets/index.ts";
import { recordAvailability } from "../../src/store/availability.ts";
import { dispatchStateFor, drainingNodes } from "./dispatch-state.ts";
import { CHECKS, REACHABILITY_CHECKS, type CheckContext, type CheckName } from "./checks/index.ts";
import { WRAPPER } from "./checks/wrapper-version.ts";
import { evaluate, type EvaluateDeps } from "./evaluate.ts";
import { Ledger } from "./ledger.ts";
import { probeNodes, type Reachability } from "./probe.ts";
import { RemoteHashes } from "./remote-hashes.ts";
import { resourceResults } from "./resource-results.ts";
import type { CheckResult, GuardianReport } from "./report.ts";
import { stormResult } from "./storm-alert.ts";
import { isStorm } from "./storm.ts";

export interface GuardianDeps {
  config: Config;
  ssh: SshPool;
  store: Store;
  alerts: AlertBook;
  log: Logger;
  now: () => Date;
  dataDir: string;
  /** Whose secret values are kept out of what the guardian reports from nodes (journal lines); process.env when absent. */
  env?: NodeJS.ProcessEnv;
}

export interface GuardianOptions {
  /** false: detect and report only; nothing is fixed, counted, alerted or written. */
  fix: boolean;
  check?: CheckName;
  node?: string;
}

/** One guardian run over the fleet (or one node / one check), as the job and `oyster check` do it. */
export async function runGuardian(deps: GuardianDeps, opts: GuardianOptions): Promise<GuardianReport> {
  const started = deps.now();
  const t0 = performance.now();
  const { config, ssh } = deps;
  const nodes = opts.node ? [ssh.target(opts.node).name] : ssh.nodeNames;
  const chosen = CHECKS.filter((c) => !opts.check || c.name === opts.check);
  const enabled = chosen.filter((c) => config.guardian.checks[c.name]);
  const switchedOff: CheckResult[] = chosen
    .filter((c) => !config.guardian.checks[c.name])
    .map((c) => ({ check: c.name, node: null, status: "skipped", detail: "switched off in guardian_config.json" }));
  const nodeChecks = enabled.filter((c) => c.scope === "node");

  // Services are read in the probe only when node_availability runs: otherwise `true` is enough.
  const servicesOf = nodeChecks.some((c) => c.name === "node_availability") ? (n: string) => config.nodes.find((x) => x.name === n)?.services ?? [] : undefined;
  // Node resources ride on the probe of every full run (not on `check <name>`): no round trip of their own.
  const withResources = !opts.check;
  const reach: Map<string, Reachability> = nodeChecks.length ? await probeNodes(ssh, nodes, config.oyster.ssh.connectTimeoutMs, servicesOf, withResources) : new Map();
  // A drained node may be down on purpose: it neither counts towards a storm nor is alerted on.
  const draining = nodeChecks.length ? drainingNodes(config) : new Set<string>();
  const failing = nodes.filter((n) => reach.get(n) && reach.get(n)?.state !== "up" && !draining.has(n));
  const g = config.oyster.guardian;
  const storm = !opts.node && isStorm(failing.length, nodes.length, g.stormShare, g.stormMinNodes);
  const ledger = new Ledger(deps.store.db, deps.now, g.flapMinutes);
  const ev: EvaluateDeps = { ledger, alerts: deps.alerts, fix: opts.fix, storm, maxFixAttempts: config.guardian.max_fix_attempts, alertAfter: g.alertAfter };
  const ctx: CheckContext = {
    config, ssh, log: deps.log, now: deps.now, dataDir: deps.dataDir, reach, nodes,
    secrets: secretsFor(deps.env ?? process.env, config),
    draining,
    hashes: new RemoteHashes(ssh, [WRAPPER, ...g.params.files]),
  };

  const results: CheckResult[] = [...switchedOff];
  for (const check of enabled) {
    if (check.scope === "fleet") results.push(await evaluate(ev, check.name, null, () => check.detect(ctx)));
  }
  const perNode = await mapLimit(nodes, config.oyster.ssh.concurrency, async (node) => {
    const mine: CheckResult[] = [];
    for (const check of nodeChecks) {
      if (check.scope !== "node") continue;
      if (check.needsUp && reach.get(node)?.state !== "up") {
        mine.push({ check: check.name, node, status: "skipped", detail: "node unreachable" });
        continue;
      }
      mine.push(await evaluate(ev, check.name, node, () => check.detect(ctx, node)));
    }
    if (withResources) mine.push(...(await resourceResults(ev, node, reach.get(node), g.resources)));
    return mine;
  });
  results.push(...perNode.flat());

  const reachabilityOn = enabled.some((c) => REACHABILITY_CHECKS.includes(c.name));
  if (opts.fix && reachabilityOn && !opts.node) {
    const storms = await stormResult(ev, storm, nodes.length, failing);
    if (storms) results.push(storms);
  }

  let dispatchNodeChanges: GuardianReport["dispatchNodeChanges"] = [];
  if (opts.fix && config.guardian.checks.node_availability && nodeChecks.length) {
    const samples = nodes.map((n) => ({ node: n, up: reach.get(n)?.state === "up" }));
    recordAvailability(deps.store.db, samples, started);
    dispatchNodeChanges = storm ? [] : markDispatchNodes(deps, samples);
  }
  // Task checks last: stuck_tasks judges the node states this run has just given dispatch.
  for (const check of enabled) {
    if (check.scope === "tasks") results.push(...(await check.run({ ...ctx, store: deps.store, ev, only: opts.node ? nodes[0]! : null })));
  }

  const report: GuardianReport = {
    startedAt: started.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    fix: opts.fix,
    nodes,
    storm: storm ? failing : null,
    dispatchNodeChanges,
    results,
    ok: results.every((r) => r.status !== "failed"),
  };
  return report;
}

/**
 * Tells dispatch which nodes to send work to. Not during a storm: when the controller's own
 * network is down, taking the whole fleet offline in dispatch would stop work that is fine.
 */
function markDispatchNodes(deps: GuardianDeps, samples: Array<{ node: string; up: boolean }>): GuardianReport["dispatchNodeChanges"] {
  const where = locateDispatch(deps.config);
  if (where.state !== "ok" || inspectDispatchSchema(where.db).kind !== "current") return [];
  const held = new PausedNodesTable(deps.store.db).heldNodes();
  const changes = setNodeStates(where.db, samples.map((s) => ({ name: s.node, state: dispatchStateFor(s.up, held.has(s.node)) })), deps.now);
  for (const c of changes) deps.log.warn({ node: c.name, from: c.from, to: c.to }, "dispatch node state changed");
  return changes;
}
