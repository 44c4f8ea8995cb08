import { plainView, type View } from "../../render/view.ts";
import { headline } from "../headline.ts";
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

/**
 * The report in reading order, in the view's language: the things most often wrong first. The
 * headline is worded again from the data (the report's JSON keeps the English one).
 */
export function viewReport(r: DailyReport, view: View = plainView()): ReportView {
  const { t } = view;
  return {
    title: t("report.title", { date: r.date }),
    headline: view.locale === "en" ? r.headline : headline(r, t),
    window: t("report.window", { time: utcMinute(r.generatedAt) }),
    sections: [
      viewNodes(r.nodes, t),
      viewTasks(r.tasks, t),
      viewAlerts(r.alerts, t),
      viewFixes(r.fixes, t),
      viewQuota(r.quota, t),
      viewBackup(r.backup, t),
      viewSync(r.sync, t),
      viewJobs(r.jobs, t),
    ],
  };
}
