import type PromClient from "prom-client";
import type { Config } from "../config/index.ts";
import { lazyPackage } from "../startup/lazy-package.ts";
import type { Db } from "../store/index.ts";

// Loaded when the HTTP endpoint starts: no command and no bot without `http.port` pays for it.
const promClient = lazyPackage<typeof PromClient>("prom-client");

export interface MetricsDeps {
  db: Db;
  config: Pick<Config, "nodes">;
}

type Count = { n: number };

/**
 * `/metrics` in Prometheus text format. Everything is read from state.db when scraped, so the
 * numbers are what `oyster jobs`, `alerts`, `outbox` and `quota` show (the CLI's runs included),
 * plus prom-client's process metrics of the bot itself.
 */
export function createMetrics(deps: MetricsDeps) {
  const prom = promClient();
  const registry = new prom.Registry();
  prom.collectDefaultMetrics({ register: registry, prefix: "oyster_" });
  const all = <T>(sql: string, ...params: unknown[]) => deps.db.prepare(sql).all(...params) as T[];

  const gauge = (name: string, help: string, labelNames: string[], collect: (g: PromClient.Gauge) => void) =>
    new prom.Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        collect(this);
      },
    });

  gauge("oyster_job_runs", "Job runs recorded in state.db, by job and outcome", ["job", "outcome"], (g) => {
    for (const r of all<{ job: string; outcome: string } & Count>("SELECT job, outcome, COUNT(*) AS n FROM job_runs GROUP BY job, outcome")) g.set({ job: r.job, outcome: r.outcome }, r.n);
  });
  gauge("oyster_job_duration_seconds_total", "Total run time of finished job runs, by job and outcome", ["job", "outcome"], (g) => {
    const rows = all<{ job: string; outcome: string; s: number }>(
      "SELECT job, outcome, SUM((julianday(finished_at) - julianday(started_at)) * 86400.0) AS s FROM job_runs WHERE finished_at IS NOT NULL AND outcome != 'skipped' GROUP BY job, outcome",
    );
    for (const r of rows) g.set({ job: r.job, outcome: r.outcome }, Math.round(r.s * 1000) / 1000);
  });
  gauge("oyster_job_last_duration_seconds", "Duration of each job's last finished run", ["job"], (g) => {
    const rows = all<{ job: string; s: number }>(
      "SELECT job, (julianday(finished_at) - julianday(started_at)) * 86400.0 AS s FROM job_runs WHERE id IN (SELECT MAX(id) FROM job_runs WHERE finished_at IS NOT NULL AND outcome != 'skipped' GROUP BY job)",
    );
    for (const r of rows) g.set({ job: r.job }, Math.round(r.s * 1000) / 1000);
  });
  gauge("oyster_alerts", "Alerts in state.db by source, severity and status", ["source", "severity", "status"], (g) => {
    for (const r of all<{ source: string; severity: string; status: string } & Count>("SELECT source, severity, status, COUNT(*) AS n FROM alerts GROUP BY source, severity, status")) {
      g.set({ source: r.source, severity: r.severity, status: r.status }, r.n);
    }
  });
  gauge("oyster_nodes", "Configured nodes by their last availability sample (up, down, unknown) and paused by the monitor", ["state"], (g) => {
    const names = deps.config.nodes.map((n) => n.name);
    const latest = new Map(
      all<{ node: string; up: number }>("SELECT a.node, a.up FROM availability a JOIN (SELECT node, MAX(at) AS at FROM availability GROUP BY node) l ON a.node = l.node AND a.at = l.at").map((r) => [r.node, r.up]),
    );
    const paused = new Set(all<{ node: string }>("SELECT DISTINCT node FROM monitor_paused_nodes").map((r) => r.node));
    const count = (f: (n: string) => boolean) => names.filter(f).length;
    g.set({ state: "up" }, count((n) => latest.get(n) === 1));
    g.set({ state: "down" }, count((n) => latest.get(n) === 0));
    g.set({ state: "unknown" }, count((n) => !latest.has(n)));
    g.set({ state: "paused" }, count((n) => paused.has(n)));
  });
  gauge("oyster_fix_attempts", "Guardian fix attempts recorded, by check and result", ["check", "result"], (g) => {
    for (const r of all<{ check_name: string; ok: number } & Count>("SELECT check_name, ok, COUNT(*) AS n FROM fixes GROUP BY check_name, ok")) {
      g.set({ check: r.check_name, result: r.ok ? "fixed" : "failed" }, r.n);
    }
  });
  gauge("oyster_outbox", "Notifications in the delivery outbox by status", ["status"], (g) => {
    for (const r of all<{ status: string } & Count>("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status")) g.set({ status: r.status }, r.n);
  });
  gauge("oyster_quota_used_percent", "Latest used % per provider account and quota window", ["provider", "account", "window"], (g) => {
    const rows = all<{ provider: string; account: string; window: string; used_pct: number }>(
      "SELECT provider, account, window, used_pct FROM quota_samples WHERE id IN (SELECT MAX(id) FROM quota_samples WHERE used_pct IS NOT NULL GROUP BY provider, account, window)",
    );
    for (const r of rows) g.set({ provider: r.provider, account: r.account, window: r.window }, r.used_pct);
  });

  return {
    contentType: registry.contentType,
    text: () => registry.metrics(),
  };
}
