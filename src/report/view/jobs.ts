import type { JobsSection } from "../types.ts";
import { plural } from "./format.ts";
import type { SectionView } from "./types.ts";
import { utcMinute } from "../../render/utc-time.ts";

export function viewJobs(j: JobsSection): SectionView {
  if (j.runs === 0) return { title: "Jobs", summary: "no job runs in 24 h", facts: [], lists: [] };
  const failing = j.jobs.filter((x) => x.failed > 0);
  const caught = j.jobs.filter((x) => x.caughtUp > 0);
  const failedRuns = failing.reduce((n, x) => n + x.failed, 0);
  return {
    title: "Jobs",
    summary: `${plural(j.runs, "run")} in 24 h, ${failedRuns === 0 ? "none failed" : `${failedRuns} failed`}${caught.length > 0 ? `, ${plural(caught.length, "job")} caught up` : ""}`,
    facts: [],
    lists: [
      {
        label: "failed",
        items: failing.map((x) => `${x.job}: ${x.failed} of ${plural(x.runs, "run")} failed${x.lastFailure ? ` (last ${utcMinute(x.lastFailure.at)}${x.lastFailure.summary ? `: ${x.lastFailure.summary}` : ""})` : ""}`),
        total: failing.length,
      },
      {
        label: "caught up",
        items: caught.map((x) => `${x.job}: ${plural(x.caughtUp, "missed run")} caught up${x.lastCatchUp ? ` (last ${utcMinute(x.lastCatchUp.at)}, ${x.lastCatchUp.outcome})` : ""}`),
        total: caught.length,
      },
    ].filter((l) => l.total > 0),
  };
}
