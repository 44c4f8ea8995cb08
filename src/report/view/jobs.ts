import type { Translate } from "../../locale/index.ts";
import type { JobsSection } from "../types.ts";
import { plural } from "./format.ts";
import { taskStatus } from "./words.ts";
import type { SectionView } from "./types.ts";
import { utcMinute } from "../../render/utc-time.ts";

export function viewJobs(j: JobsSection, t: Translate): SectionView {
  const title = t("report.jobs.title");
  if (j.runs === 0) return { title, summary: t("report.jobs.none"), facts: [], lists: [] };
  const failing = j.jobs.filter((x) => x.failed > 0);
  const caught = j.jobs.filter((x) => x.caughtUp > 0);
  const failedRuns = failing.reduce((n, x) => n + x.failed, 0);
  return {
    title,
    summary: t("report.jobs.summary", {
      runs: plural(t, "report.jobs.runs", j.runs),
      failed: failedRuns === 0 ? t("report.jobs.noneFailed") : t("report.jobs.failedCount", { count: failedRuns }),
      caught: caught.length > 0 ? t("report.jobs.caught", { jobs: plural(t, "report.jobs.jobs", caught.length) }) : "",
    }),
    facts: [],
    lists: [
      {
        label: t("report.jobs.failed"),
        items: failing.map((x) =>
          t("report.jobs.failedItem", {
            job: x.job,
            failed: x.failed,
            runs: plural(t, "report.jobs.runs", x.runs),
            last: x.lastFailure
              ? t("report.jobs.lastFailure", { time: utcMinute(x.lastFailure.at), summary: x.lastFailure.summary ? `${t("report.colon")}${x.lastFailure.summary}` : "" })
              : "",
          }),
        ),
        total: failing.length,
        alarming: true,
      },
      {
        label: t("report.jobs.caughtUp"),
        items: caught.map((x) =>
          t("report.jobs.caughtItem", {
            job: x.job,
            missed: plural(t, "report.jobs.missed", x.caughtUp),
            last: x.lastCatchUp ? t("report.jobs.lastCatchUp", { time: utcMinute(x.lastCatchUp.at), outcome: x.lastCatchUp.outcome === "ok" ? t("report.sync.ok") : taskStatus(x.lastCatchUp.outcome, t) }) : "",
          }),
        ),
        total: caught.length,
      },
    ].filter((l) => l.total > 0),
  };
}
