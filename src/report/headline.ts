import type { DailyReport } from "./types.ts";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The one line a reader needs: nodes up, tasks failed, alerts open. Also the email subject and
 * the job's summary, so it says "not configured" rather than a misleading zero.
 */
export function headline(r: Omit<DailyReport, "headline">): string {
  const nodes = r.nodes.total === 0 ? "no nodes configured" : `${r.nodes.up}/${r.nodes.total} nodes up`;
  const tasks =
    r.tasks.state === "ok" ? `${plural(r.tasks.failed, "task")} failed` : r.tasks.state === "not-configured" ? "dispatch not configured" : "tasks unavailable";
  const alerts = r.alerts.stillOpen === 0 ? "no alerts open" : `${plural(r.alerts.stillOpen, "alert")} open`;
  return `Oyster daily report ${r.date}: ${nodes}, ${tasks}, ${alerts}`;
}
