import { toAlert } from "../alerts/alert-row.ts";
import { AlertTable } from "../alerts/alert-table.ts";
import type { Severity, AlertStatus } from "../alerts/types.ts";
import type { Config } from "../config/index.ts";
import { openDispatchReadOnly, tableNames } from "../dispatch/read-db.ts";
import { DrainTable } from "../fleet/drain-table.ts";
import { classify } from "../monitor/classify.ts";
import { PausedNodesTable } from "../monitor/paused-nodes-table.ts";
import { QuotaSamples } from "../monitor/quota-samples.ts";
import type { Db, Store } from "../store/index.ts";
import type { JobOutcome } from "../store/job-runs.ts";
import { groupByCondition, type NodeCondition } from "./node-conditions.ts";

/** What the App Home shows: the fleet as Oyster last recorded it. */
export interface FleetHome {
  at: string;
  nodes: {
    total: number;
    groups: Record<NodeCondition, string[]>;
    /** The newest guardian availability sample (null: the guardian has not run yet). */
    sampledAt: string | null;
    /** false when dispatch.db could not be read (drain records stood in for it). */
    dispatchRead: boolean;
  };
  alerts: HomeAlert[];
  quota: HomeQuotaWindow[];
  jobs: HomeJobRun[];
}

export interface HomeAlert {
  id: string;
  severity: Severity;
  status: AlertStatus;
  check: string;
  node: string | null;
  nodes: string[];
  since: string;
  ackBy: string | null;
  snoozedUntil: string | null;
}

export interface HomeQuotaWindow {
  account: string;
  window: string;
  usedPct: number | null;
  status: "low" | "exhausted";
  resetsAt: string | null;
  at: string;
  /** Older than monitor.agentStaleHours: shown as a stale reading. */
  stale: boolean;
}

export interface HomeJobRun {
  job: string;
  outcome: JobOutcome | null;
  startedAt: string | null;
  summary: string | null;
}

export interface FleetHomeSources {
  config: Config;
  store: Store;
  now: () => Date;
  jobNames: readonly string[];
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
// The Home must answer at once: a dispatch.db another process holds is read without waiting long.
const DISPATCH_BUSY_MS = 200;

/**
 * The fleet from stored state only (state.db and a read-only look at dispatch.db's nodes table):
 * opening the Home never dials a node. Alerts most severe first, then newest.
 */
export function readFleetHome(src: FleetHomeSources): FleetHome {
  const { config, store } = src;
  const now = src.now();
  const dispatchStates = readDispatchStates(config.oyster.dispatch.db);
  const names = config.nodes.map((n) => n.name);
  const lastSample = latestSamples(store.db, names);
  const groups = groupByCondition(
    names,
    { dispatchStates, drained: new Set(new DrainTable(store.db).list().map((d) => d.node)), held: new PausedNodesTable(store.db).heldNodes(), lastSample },
  );
  const sampledAt = [...lastSample.values()].reduce<string | null>((max, s) => (max === null || s.at > max ? s.at : max), null);
  return {
    at: now.toISOString(),
    nodes: { total: config.nodes.length, groups, sampledAt, dispatchRead: dispatchStates !== undefined },
    alerts: openAlerts(store.db),
    quota: nearLimits(store.db, config, now),
    jobs: src.jobNames.map((job) => lastRun(store, job)),
  };
}

function readDispatchStates(path: string): Record<string, string> | undefined {
  try {
    const db = openDispatchReadOnly(path, DISPATCH_BUSY_MS);
    try {
      if (!tableNames(db).has("nodes")) return {};
      const rows = db.prepare("SELECT name, state FROM nodes").all() as Array<{ name: string; state: string }>;
      return Object.fromEntries(rows.map((r) => [r.name, r.state]));
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

/**
 * The newest sample of each node: one lookup per node on the (node, at) index. A GROUP BY over the
 * whole table scanned eight days of samples (115,000 rows for 50 nodes: ~800 ms on the event loop).
 */
function latestSamples(db: Db, nodes: readonly string[]): Map<string, { up: boolean; at: string }> {
  const newest = db.prepare("SELECT up, at FROM availability WHERE node = ? ORDER BY at DESC LIMIT 1");
  const out = new Map<string, { up: boolean; at: string }>();
  for (const node of nodes) {
    const row = newest.get(node) as { up: number; at: string } | undefined;
    if (row) out.set(node, { up: row.up === 1, at: row.at });
  }
  return out;
}

function openAlerts(db: Db): HomeAlert[] {
  return new AlertTable(db)
    .list("open")
    .map(toAlert)
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.first_seen.localeCompare(a.first_seen))
    .map((a) => ({
      id: a.id, severity: a.severity, status: a.status, check: a.check, node: a.node, nodes: a.nodes, since: a.first_seen,
      ackBy: a.status === "acknowledged" ? (a.acknowledged?.by ?? null) : null,
      snoozedUntil: a.status === "snoozed" ? (a.snoozed?.until ?? null) : null,
    }));
}

/** The newest reading of each window at or over the first threshold, fullest first. */
function nearLimits(db: Db, config: Config, now: Date): HomeQuotaWindow[] {
  const { thresholds, agentStaleHours } = config.oyster.monitor;
  const staleBefore = now.getTime() - agentStaleHours * 3600_000;
  const out: HomeQuotaWindow[] = [];
  for (const s of new QuotaSamples(db).latest()) {
    const status = classify(s, thresholds);
    if (status !== "low" && status !== "exhausted") continue;
    out.push({ account: `${s.provider}:${s.account}`, window: s.window, usedPct: s.usedPct, status, resetsAt: s.resetsAt, at: s.at, stale: Date.parse(s.at) < staleBefore });
  }
  return out.sort((a, b) => (b.usedPct ?? 100) - (a.usedPct ?? 100));
}

function lastRun(store: Store, job: string): HomeJobRun {
  const run = store.jobRuns.last(job);
  if (!run) return { job, outcome: null, startedAt: null, summary: null };
  // A run marked running whose process died shows as the failure it is (as `oyster jobs` does).
  const outcome = store.jobRuns.wasInterrupted({ job, outcome: run.outcome }) ? "failed" : run.outcome;
  return { job, outcome, startedAt: run.startedAt, summary: run.summary };
}
