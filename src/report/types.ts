/**
 * The 9 am report as plain data: what `oyster report --json` prints and what every renderer
 * reads. Times are ISO 8601 UTC, quantities are numbers; untrusted text (node names, task
 * errors, alert messages, job summaries) is already flattened to one line but NOT escaped:
 * each renderer escapes for its own format.
 */
import type { DrainingNode } from "../fleet/draining-view.ts";
import type { ResourceReading } from "../resources/types.ts";

/** The feature needs something that is absent (dispatch.dir, provider accounts). */
export interface NotConfigured {
  state: "not-configured";
  reason: string;
}

/** Configured, but the data could not be read (dispatch.db missing or unreadable). */
export interface Unavailable {
  state: "unavailable";
  reason: string;
}

/** Lists in the report hold at most this many entries; the counts beside them are exact. */
export const LIST_LIMIT = 50;

/** A node resource over its guardian.resources line at report time: "disk / 93% used (46.5 of 50 GiB)". */
export interface ResourceLine {
  check: string;
  severity: "warning" | "critical";
  reading: string;
}

export interface NodeLine {
  node: string;
  up: boolean;
  error?: string;
  /** Share of the guardian's availability samples that were up in the window; null without samples. */
  uptimePercent: number | null;
  /** Resources over a threshold now, critical first; absent when none (or not read). */
  overThreshold?: ResourceLine[];
}

export interface NodesSection {
  total: number;
  up: number;
  down: number;
  /** Mean of the nodes' uptime percentages (nodes without samples left out). */
  fleetUptimePercent: number | null;
  nodes: NodeLine[];
  /** Nodes dispatch.db has draining, with who and why; absent when none. */
  draining?: DrainingNode[];
}

export interface TaskFailure {
  id: number;
  project: string;
  node: string | null;
  finishedAt: string | null;
  /** null when the task recorded none, or the database is on the old schema (no `error` column). */
  error: string | null;
}

export interface ProjectTasks {
  project: string;
  total: number;
  byStatus: Record<string, number>;
}

export interface TasksOk {
  state: "ok";
  total: number;
  byStatus: Record<string, number>;
  byProject: ProjectTasks[];
  failed: number;
  /** Newest first, at most LIST_LIMIT. */
  failures: TaskFailure[];
  /** False on the old dispatch schema, which has no `error` column. */
  errorsRecorded: boolean;
}

export type TasksSection = NotConfigured | Unavailable | TasksOk;

export interface AlertLine {
  id: string;
  source: string;
  check: string;
  node: string | null;
  nodes: string[];
  severity: string;
  status: string;
  firstSeen: string;
  message: string;
  /** Present when a silence in force covers it: nothing about it is sent until that ends. */
  silenced?: { id: string; until: string; by: string; reason?: string };
}

/** A silence in force when the report was made. */
export interface SilenceLine {
  id: string;
  /** What it covers, as `silence list` says it ("node node-3 and check disk"). */
  match: string;
  until: string;
  by: string;
  reason?: string;
}

export interface AlertsSection {
  opened: number;
  resolved: number;
  stillOpen: number;
  /** Alerts not resolved now, most severe first, at most LIST_LIMIT. */
  open: AlertLine[];
  /** The silences in force; absent when there are none. */
  silences?: SilenceLine[];
}

export interface FixLine {
  at: string;
  check: string;
  node: string | null;
  ok: boolean;
  detail: string;
}

export interface FixesSection {
  total: number;
  ok: number;
  failed: number;
  /** Newest first, at most LIST_LIMIT. */
  fixes: FixLine[];
}

/** One window's newest reading in the report's 24 h. */
export interface QuotaWindowLine {
  window: string;
  usedPct: number | null;
  status: string;
  resetsAt: string | null;
  detail?: string;
}

export interface QuotaAccount {
  provider: string;
  account: string;
  /** The worst window's used %; null with no numbers in the last 24 h. */
  usedPercent: number | null;
  note: string;
  /** Worst first (exhausted, then highest used %, errors last). */
  windows?: QuotaWindowLine[];
}

export interface QuotaExhausted {
  provider: string;
  account: string;
  windows: string[];
  /** The last sample that said exhausted. */
  lastAt: string;
}

export type QuotaSection = NotConfigured | { state: "configured"; accounts: QuotaAccount[]; exhausted?: QuotaExhausted[] };

export interface BackupOk {
  state: "ok";
  file: string;
  kind: string;
  takenAt: string;
  ageSeconds: number;
  bytes: number;
  verified: boolean;
  verdict: string;
}

export type BackupSection = NotConfigured | { state: "none" } | BackupOk;

export interface SyncOk {
  state: "ok";
  at: string;
  ageSeconds: number;
  outcome: string;
  trigger: string;
  /** The sync run's own summary: what it changed. */
  summary: string | null;
}

export type SyncSection = NotConfigured | { state: "none" } | SyncOk;

export interface JobLine {
  job: string;
  runs: number;
  ok: number;
  failed: number;
  skipped: number;
  caughtUp: number;
  lastFailure: { at: string; summary: string | null } | null;
  lastCatchUp: { at: string; outcome: string } | null;
}

export interface JobsSection {
  runs: number;
  jobs: JobLine[];
}

export interface DailyReport {
  /** The report's calendar day in `timezone` (a label, not a time: a 9 am report in Auckland is the previous day in UTC). */
  date: string;
  timezone: string;
  generatedAt: string;
  /** Start of the 24 h window; it ends at generatedAt. */
  since: string;
  headline: string;
  nodes: NodesSection;
  tasks: TasksSection;
  alerts: AlertsSection;
  fixes: FixesSection;
  quota: QuotaSection;
  backup: BackupSection;
  sync: SyncSection;
  jobs: JobsSection;
}

/** A node's reachability right now, as the live probe (or a test) reports it. */
export interface Reachability {
  node: string;
  up: boolean;
  error?: string;
  /** Disks and memory, read in the same round trip as the reachability. */
  resources?: ResourceReading;
}
