import type { Config } from "../config/index.ts";
import type { Store } from "../store/index.ts";
import { gatherAlerts } from "./gather/alerts.ts";
import { gatherBackup } from "./gather/backup.ts";
import { gatherDraining } from "./gather/draining.ts";
import { gatherFixes } from "./gather/fixes.ts";
import { gatherJobs } from "./gather/jobs.ts";
import { gatherNodes } from "./gather/nodes.ts";
import { gatherQuota } from "./gather/quota.ts";
import { gatherSync } from "./gather/sync.ts";
import { gatherTasks } from "./gather/tasks.ts";
import { headline } from "./headline.ts";
import { reportDate } from "./report-date.ts";
import { tagsFrom } from "../silences/match.ts";
import type { DailyReport, Reachability } from "./types.ts";

export interface ReportDeps {
  config: Config;
  store: Store;
  now: () => Date;
  /** The live part: which nodes answer right now. Injected so tests need no SSH. */
  reachability: () => Promise<Reachability[]>;
}

const WINDOW_MS = 24 * 3600_000;

/** Gathers the 9 am report: one read of each source over the 24 h ending now. Writes nothing. */
export async function buildReport(deps: ReportDeps): Promise<DailyReport> {
  const until = deps.now();
  const since = new Date(until.getTime() - WINDOW_MS);
  const { config, store } = deps;
  const reach = await deps.reachability();
  const draining = gatherDraining(config, store.db);
  const body: Omit<DailyReport, "headline"> = {
    date: reportDate(until, config.oyster.timezone),
    timezone: config.oyster.timezone,
    generatedAt: until.toISOString(),
    since: since.toISOString(),
    nodes: { ...gatherNodes(store.db, reach, since, config.oyster.guardian.resources), ...(draining.length ? { draining } : {}) },
    tasks: gatherTasks(config, since, until),
    alerts: gatherAlerts(store.db, since, until, tagsFrom(() => config.nodes)),
    fixes: gatherFixes(store.db, since, until),
    quota: gatherQuota(config, store.db, since),
    backup: gatherBackup(store.db, config, until),
    sync: gatherSync(store, config, until),
    jobs: gatherJobs(store.db, since, until),
  };
  // Headline second in the JSON, after the date fields, so `--json | head` shows it.
  const { date, timezone, generatedAt, since: from, ...sections } = body;
  return { date, timezone, generatedAt, since: from, headline: headline(body), ...sections };
}
