// A populated install for the report tests: a real state.db (alerts raised through AlertBook,
// the rest inserted as the guardian and the scheduler write it) and a real dispatch.db on the
// contract's (or the old) schema, all around one fixed `now`.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { AlertBook } from "../../../src/alerts/alert-book.ts";
import { loadConfig, type Config } from "../../../src/config/index.ts";
import type { Reachability } from "../../../src/report/types.ts";
import { openStore, type Store } from "../../../src/store/index.ts";
import { CONTRACT_DDL, OLD_DDL } from "../../helpers/fixtures/dispatch-dbs.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { silentLogger } from "../../../src/log.ts";

export const NOW = new Date("2026-11-27T09:00:00.000Z");
export const now = () => NOW;
/** `hoursAgo(2)`: an ISO UTC time two hours before NOW. */
export const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000).toISOString();

export const NODES = ["node-a", "node-b", "node-c", "node-d"];

export interface Install {
  config: Config;
  store: Store;
  dataDir: string;
  dispatchDir: string;
}

/** A config dir (fixed time zone, so the report's date label is stable) and an empty data dir. */
export function install(opts: { nodes?: string[]; providers?: boolean; dispatch?: "dir" | "none" } = {}): Install {
  const root = tmpDir("oyster-report-");
  const configDir = join(root, "config");
  const dataDir = join(root, "data");
  const dispatchDir = join(root, "dispatch");
  mkdirSync(configDir);
  if (opts.dispatch !== "none") mkdirSync(dispatchDir);
  const nodes = opts.nodes ?? NODES;
  writeFileSync(join(configDir, "nodes.json"), JSON.stringify({ nodes: nodes.map((name) => ({ name })) }));
  const monitor = opts.providers ? { providers: { anthropic: [{ label: "team", keyEnv: "ANTHROPIC_KEY" }], zai: [{ label: "glm", keyEnv: "ZAI_KEY" }] } } : {};
  writeFileSync(join(configDir, "oyster.json"), JSON.stringify({ timezone: "Europe/London", dispatch: { dir: dispatchDir }, monitor }));
  const config = loadConfig({ dir: configDir, env: { HOME: root } }).config;
  return { config, store: openStore(dataDir, now), dataDir, dispatchDir };
}

export type TaskRow = { project: string; status: string; created: string; finished?: string | null; node?: string | null; error?: string | null };

/** dispatch.db with these tasks, on the contract's schema or the old one (no `error` column). */
export function writeDispatchDb(dir: string, tasks: TaskRow[], schema: "contract" | "old" = "contract"): void {
  const db = new Database(join(dir, "dispatch.db"));
  db.exec(schema === "contract" ? CONTRACT_DDL : OLD_DDL);
  const cols = schema === "contract" ? "project, status, created_at, finished_at, node, error" : "project, status, created_at, finished_at, node";
  const insert = db.prepare(`INSERT INTO tasks (${cols}) VALUES (${cols.split(", ").map((c) => `@${c}`).join(", ")})`);
  for (const t of tasks) {
    const row = { project: t.project, status: t.status, created_at: t.created, finished_at: t.finished ?? null, node: t.node ?? null, ...(schema === "contract" ? { error: t.error ?? null } : {}) };
    insert.run(row);
  }
  db.close();
}

/** Tasks across two projects and every status; three of them from before the window. */
export const TASKS: TaskRow[] = [
  { project: "web", status: "done", created: hoursAgo(20), finished: hoursAgo(19), node: "node-a" },
  { project: "web", status: "done", created: hoursAgo(12), finished: hoursAgo(11), node: "node-c" },
  { project: "web", status: "done", created: hoursAgo(3), finished: hoursAgo(2.5), node: "node-a" },
  { project: "web", status: "failed", created: hoursAgo(6), finished: hoursAgo(5.5), node: "node-b", error: "OOM killed" },
  { project: "web", status: "failed", created: hoursAgo(2), finished: hoursAgo(1.5), node: "node-c", error: "exit 1: <script>alert('x')</script> & more" },
  { project: "web", status: "running", created: hoursAgo(1), node: "node-a" },
  { project: "web", status: "pending", created: hoursAgo(0.5) },
  { project: "api", status: "done", created: "2026-11-27 01:00:00", finished: "2026-11-27 02:00:00", node: "node-d" },
  { project: "api", status: "done", created: hoursAgo(10), finished: hoursAgo(9), node: "node-d" },
  { project: "api", status: "failed", created: hoursAgo(8), finished: hoursAgo(7), node: "node-a", error: "Traceback (most recent call last):\n  File \"run.py\", line 3\nValueError: bad input" },
  { project: "api", status: "cancelled", created: hoursAgo(4), finished: hoursAgo(4) },
  // Queued before the window, failed inside it: today's failure.
  { project: "api", status: "failed", created: hoursAgo(30), finished: hoursAgo(2), node: "node-d", error: "timed out after 28 h" },
  // Older than 24 h: must not count anywhere.
  { project: "web", status: "failed", created: hoursAgo(30), finished: hoursAgo(29), node: "node-b", error: "OLD FAILURE" },
  { project: "api", status: "done", created: hoursAgo(48), finished: hoursAgo(47), node: "node-a" },
  { project: "legacy", status: "done", created: hoursAgo(26), finished: hoursAgo(25) },
];

const GiB = 1024 ** 3;
const disk = (mount: string, usedPercent: number, inodesUsedPercent: number) => ({ filesystem: "/dev/sda1", mount, usedPercent, usedBytes: (usedPercent / 100) * 50 * GiB, sizeBytes: 50 * GiB, inodesUsedPercent });

/** node-a is fine; node-c is over the disk line on / and the memory line (critical); node-d's resources were not read. */
export const REACH: Reachability[] = [
  { node: "node-a", up: true, resources: { filesystems: [disk("/", 40, 5)], memory: { availablePercent: 60, availableBytes: 4.8 * GiB, totalBytes: 8 * GiB } } },
  { node: "node-b", up: false, error: "SshTimeout: node-b: no SSH answer within 5000 ms" },
  { node: "node-c", up: true, resources: { filesystems: [disk("/", 93, 5), disk("/home", 50, 88)], memory: { availablePercent: 3.7, availableBytes: 0.3 * GiB, totalBytes: 8 * GiB } } },
  { node: "node-d", up: true },
];

/** Hourly availability samples: node-a always up, node-b down 6 of 24, node-c 1 of 24, node-d none. */
function availability(store: Store): void {
  const insert = store.db.prepare("INSERT INTO availability (node, at, up) VALUES (?, ?, ?)");
  for (let h = 0; h < 24; h++) {
    insert.run("node-a", hoursAgo(h + 0.5), 1);
    insert.run("node-b", hoursAgo(h + 0.5), h < 6 ? 0 : 1);
    insert.run("node-c", hoursAgo(h + 0.5), h === 10 ? 0 : 1);
  }
  // Before the window: a long outage that must not drag node-a's uptime down.
  for (let h = 25; h < 30; h++) insert.run("node-a", hoursAgo(h), 0);
}

async function alerts(store: Store, dataDir: string): Promise<void> {
  let t = NOW.getTime();
  const at = (h: number) => (t = NOW.getTime() - h * 3600_000);
  const book = new AlertBook(store, { dataDir, notifier: { notify: async () => {} }, now: () => new Date(t), reminderMinutes: 60, retentionDays: 7, log: silentLogger() });
  const raise = (check: string, node: string, severity: "warning" | "critical", message: string) =>
    book.raise({ source: "guardian", check, node, severity, message, attempts: 0 });
  at(40); await raise("ssh_connection", "node-d", "warning", "handshake slow");
  at(35); await book.resolve("guardian", "ssh_connection", "node-d");
  at(30); await raise("node_availability", "node-b", "critical", "node-b unreachable");
  at(5); await raise("wrapper_version", "node-c", "warning", "task-wrapper.sh differs");
  at(4); await book.resolve("guardian", "wrapper_version", "node-c");
  at(2); const drift = await raise("param_alignment", "node-a", "warning", "fact python differs: <b>3.11</b> vs 3.12");
  at(1); await book.ack(drift.id, "cli:ops", "looking");
}

function fixes(store: Store): void {
  const insert = store.db.prepare("INSERT INTO fixes (at, check_name, node, ok, detail) VALUES (?, ?, ?, ?, ?)");
  insert.run(hoursAgo(26), "wrapper_version", "node-a", 1, "OLD FIX");
  insert.run(hoursAgo(4.2), "wrapper_version", "node-c", 1, "pushed task-wrapper.sh");
  insert.run(hoursAgo(3), "param_alignment", "node-a", 0, "push failed: read-only file system");
}

function jobRuns(store: Store): void {
  const insert = store.db.prepare("INSERT INTO job_runs (job, trigger, started_at, finished_at, outcome, summary, caught_up, owner) VALUES (?, ?, ?, ?, ?, ?, ?, 'bot')");
  const run = (job: string, trigger: string, startH: number, outcome: string, summary: string | null, caughtUp = 0) =>
    insert.run(job, trigger, hoursAgo(startH), outcome === "running" ? null : hoursAgo(startH - 0.01), outcome, summary, caughtUp);
  run("guardian", "schedule", 30, "failed", "OLD RUN");
  run("guardian", "schedule", 3, "ok", "all checks passed");
  run("guardian", "schedule", 2, "failed", "1 check failed: node_availability on node-b");
  run("guardian", "schedule", 1, "ok", "all checks passed");
  run("backup", "catch-up", 5.7, "ok", "dispatch-20261127-031800.db 12.3 MiB verified", 1);
  run("sync", "schedule", 8, "failed", "node-b unreachable; 2 nodes in sync");
  run("sync", "schedule", 2, "ok", "pushed task-wrapper.sh to node-c; 2 nodes unchanged");
  run("sync", "schedule", 1, "skipped", "busy: held by cli:ops");
  run("report", "schedule", 0, "running", null);
}

function snapshots(store: Store): void {
  const insert = store.db.prepare("INSERT INTO snapshots (file, kind, taken_at, bytes, sha256, rows, verdict, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  insert.run("dispatch-20261126-030000.db", "daily", hoursAgo(30), 12_500_000, "a".repeat(64), '{"tasks":40}', "ok", 800);
  insert.run("dispatch-20261127-031800.db", "daily", hoursAgo(5.7), 12_897_331, "b".repeat(64), '{"tasks":44}', "ok", 812);
  // Newer, but the copy a restore takes first: not the daily backup.
  insert.run("dispatch-safety-20261127-080000.db", "safety", hoursAgo(1), 13_000_000, "c".repeat(64), '{"tasks":45}', "ok", 820);
}

/** Everything the report reads, filled in. */
export async function populated(opts: { schema?: "contract" | "old"; tasks?: TaskRow[] } = {}): Promise<Install> {
  const inst = install({ providers: true });
  availability(inst.store);
  await alerts(inst.store, inst.dataDir);
  fixes(inst.store);
  jobRuns(inst.store);
  snapshots(inst.store);
  writeDispatchDb(inst.dispatchDir, opts.tasks ?? TASKS, opts.schema ?? "contract");
  return inst;
}
