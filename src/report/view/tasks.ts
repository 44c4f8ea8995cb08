import type { Translate } from "../../locale/index.ts";
import type { TaskFailure, TasksSection } from "../types.ts";
import { counts } from "./format.ts";
import type { SectionView } from "./types.ts";
import { utcMinute } from "../../render/utc-time.ts";

const failure = (x: TaskFailure, t: Translate) =>
  `#${x.id} ${x.project}${x.node ? t("report.tasks.onNode", { node: x.node }) : ""}${x.finishedAt ? t("report.tasks.at", { time: utcMinute(x.finishedAt) }) : ""}${x.error ? `${t("report.colon")}${x.error}` : ""}`;

export function viewTasks(s: TasksSection, t: Translate): SectionView {
  const title = t("report.tasks.title");
  if (s.state === "not-configured") return { title, summary: t("report.notConfigured", { reason: s.reason }), facts: [], lists: [] };
  if (s.state === "unavailable") return { title, summary: t("report.unavailable", { reason: s.reason }), facts: [], lists: [] };
  if (s.total === 0) return { title, summary: t("report.tasks.none"), facts: [], lists: [] };
  return {
    title,
    summary: t(s.total === 1 ? "report.tasks.summary.one" : "report.tasks.summary.many", { count: s.total, counts: counts(s.byStatus, t) }),
    facts: s.errorsRecorded ? [] : [{ label: t("report.tasks.errors"), value: t("report.tasks.errorsNotRecorded") }],
    lists: [
      { label: t("report.tasks.failed"), items: s.failures.map((x) => failure(x, t)), total: s.failed, alarming: true },
      { label: t("report.tasks.byProject"), items: s.byProject.map((p) => t("report.tasks.projectItem", { project: p.project, total: p.total, counts: counts(p.byStatus, t) })), total: s.byProject.length },
    ].filter((l) => l.total > 0),
  };
}
