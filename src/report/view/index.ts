import type { DailyReport } from "../types.ts";
import { viewAlerts } from "./alerts.ts";
import { viewBackup, viewSync } from "./backup-sync.ts";
import { viewFixes } from "./fixes.ts";
import { viewJobs } from "./jobs.ts";
import { viewNodes } from "./nodes.ts";
import { viewQuota } from "./quota.ts";
import { viewTasks } from "./tasks.ts";
import type { ReportView } from "./types.ts";
import { utcMinute } from "../../render/utc-time.ts";

export type { Fact, ListView, ReportView, SectionView } from "./types.ts";

/** The report in reading order: the things most often wrong first. */
export function viewReport(r: DailyReport): ReportView {
  return {
    title: `Oyster daily report ${r.date}`,
    headline: r.headline,
    window: `24 h to ${utcMinute(r.generatedAt)}`,
    sections: [viewNodes(r.nodes), viewTasks(r.tasks), viewAlerts(r.alerts), viewFixes(r.fixes), viewQuota(r.quota), viewBackup(r.backup), viewSync(r.sync), viewJobs(r.jobs)],
  };
}
