import { translator, type Translate } from "../locale/index.ts";
import type { DailyReport } from "./types.ts";

/**
 * The one line a reader needs: nodes up, tasks failed, alerts open. Also the email subject and
 * the job's summary, so it says "not configured" rather than a misleading zero. English unless a
 * translator is given: the report's JSON and the job's summary keep the English line.
 */
export function headline(r: Omit<DailyReport, "headline">, t: Translate = translator("en")): string {
  const nodes = r.nodes.total === 0 ? t("report.headline.noNodes") : t("report.headline.nodesUp", { up: r.nodes.up, total: r.nodes.total });
  const tasks =
    r.tasks.state === "ok"
      ? t(r.tasks.failed === 1 ? "report.headline.tasksFailed.one" : "report.headline.tasksFailed.many", { count: r.tasks.failed })
      : r.tasks.state === "not-configured"
        ? t("report.headline.dispatchNotConfigured")
        : t("report.headline.tasksUnavailable");
  const alerts =
    r.alerts.stillOpen === 0
      ? t("report.headline.noAlerts")
      : t(r.alerts.stillOpen === 1 ? "report.headline.alertsOpen.one" : "report.headline.alertsOpen.many", { count: r.alerts.stillOpen });
  return t("report.headline", { date: r.date, nodes, tasks, alerts });
}
