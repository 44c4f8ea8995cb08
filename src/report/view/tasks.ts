import type { TaskFailure, TasksSection } from "../types.ts";
import { counts, plural } from "./format.ts";
import type { SectionView } from "./types.ts";
import { utcMinute } from "../../render/utc-time.ts";

const failure = (t: TaskFailure) =>
  `#${t.id} ${t.project}${t.node ? ` on ${t.node}` : ""}${t.finishedAt ? ` at ${utcMinute(t.finishedAt)}` : ""}${t.error ? `: ${t.error}` : ""}`;

export function viewTasks(t: TasksSection): SectionView {
  if (t.state === "not-configured") return { title: "Tasks", summary: `not configured: ${t.reason}`, facts: [], lists: [] };
  if (t.state === "unavailable") return { title: "Tasks", summary: `unavailable: ${t.reason}`, facts: [], lists: [] };
  if (t.total === 0) return { title: "Tasks", summary: "none in 24 h", facts: [], lists: [] };
  return {
    title: "Tasks",
    summary: `${plural(t.total, "task")} in 24 h: ${counts(t.byStatus)}`,
    facts: t.errorsRecorded ? [] : [{ label: "errors", value: "not recorded (old dispatch schema)" }],
    lists: [
      { label: "failed", items: t.failures.map(failure), total: t.failed },
      { label: "by project", items: t.byProject.map((p) => `${p.project}: ${p.total} (${counts(p.byStatus)})`), total: t.byProject.length },
    ].filter((l) => l.total > 0),
  };
}
