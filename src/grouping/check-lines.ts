import type { CheckResult, CheckStatus, GuardianReport } from "../../jobs/guardian/report.ts";
import type { MessageKey } from "../locale/index.ts";
import type { Mark, Tone } from "../render/paint.ts";
import type { View } from "../render/view.ts";
import { groupResults, mergeAcrossChecks, type MergedGroup, type ResultGroup } from "./group-results.ts";
import { nodeList } from "./node-list.ts";

/** What `oyster check` renders: the guardian's report (its `--json` document). */
export type CheckReport = Pick<GuardianReport, "nodes" | "storm" | "dispatchNodeChanges" | "results">;

export interface CheckLinesOptions {
  /** Names in a list before "... and N more" (Slack); every name when absent (the terminal). */
  maxNames?: number;
}

/** Failures stand out; passes and fixes carry only their symbol; skips recede. */
const LOOK: Record<CheckStatus, { mark: Mark; tone?: Tone }> = {
  failed: { mark: "fail", tone: "fail" },
  fixed: { mark: "fixed" },
  passed: { mark: "ok" },
  skipped: { mark: "skip", tone: "dim" },
};

export function painted(view: View, status: CheckStatus, text: string): string {
  const look = LOOK[status];
  return `${view.paint.mark(look.mark)}${look.tone ? view.paint.tone(look.tone, text) : text}`;
}

/**
 * The report a line per group: each failure once with the nodes it hit (same check, same detail),
 * fixes likewise, passes counted per check, skips one line per reason (checks sharing reason and
 * nodes together), fleet-wide results as such; the storm first, then dispatch's node changes
 * (grouped by change) and the summary, as before grouping.
 */
export function checkLines(report: CheckReport, view: View, opts: CheckLinesOptions = {}): string[] {
  const { t } = view;
  const names = (list: readonly string[]) => nodeList(list, { max: opts.maxNames, more: (count) => t("check.andMore", { count }) });
  const lines: string[] = [];
  if (report.storm) lines.push(painted(view, "failed", t("check.storm", { count: report.storm.length, nodes: names(report.storm) })));
  const groups = groupResults(report.results);
  for (const g of groups.filter((x) => x.status !== "skipped")) lines.push(painted(view, g.status, withAlerts(groupText(g, view, names), g.results, view, names)));
  for (const m of mergeAcrossChecks(groups.filter((x) => x.status === "skipped"))) lines.push(painted(view, "skipped", skippedText(m, view, names)));
  if (report.results.length === 0) lines.push(t("check.none"));
  lines.push(...dispatchLines(report, view, names));
  lines.push(summaryLine(report, view));
  return lines;
}

type Names = (list: readonly string[]) => string;

function groupText(g: ResultGroup<CheckResult>, view: View, names: Names): string {
  const { t } = view;
  const detail = g.detail ?? "";
  switch (g.status) {
    case "failed":
      return g.fleetWide ? t("check.failedFleet", { check: g.check, detail }) : t("check.failedOn", { check: g.check, nodes: names(g.nodes), detail });
    case "fixed":
      return g.fleetWide ? t("check.fixedFleet", { check: g.check, detail }) : t("check.fixedOn", { check: g.check, nodes: names(g.nodes), detail });
    case "passed":
      if (g.fleetWide) return t("check.passedFleet", { check: g.check });
      return g.nodes.length === 1 ? t("check.passedOnOne", { check: g.check, node: g.nodes[0]! }) : t("check.passedOnMany", { check: g.check, count: g.nodes.length });
    case "skipped":
      return skippedText({ ...g, checks: [g.check] }, view, names);
  }
}

function skippedText(m: MergedGroup<CheckResult>, view: View, names: Names): string {
  const checks = m.checks.join(", ");
  const detail = m.detail ?? "";
  return m.fleetWide ? view.t("check.skippedFleet", { checks, detail }) : view.t("check.skippedOn", { checks, nodes: names(m.nodes), detail });
}

const ALERT_STATUSES = ["open", "acknowledged", "snoozed", "resolved"] as const;

/** The alerts a group's results raised or resolved, one bracket per alert status: `[alerts a1, a2 open]`. */
export function withAlerts(text: string, results: readonly CheckResult[], view: View, names: Names): string {
  const byStatus = new Map<string, string[]>();
  for (const r of results) if (r.alert) byStatus.set(r.alert.status, [...(byStatus.get(r.alert.status) ?? []), r.alert.id]);
  const notes = [...byStatus].map(([status, ids]) =>
    view.t(ids.length === 1 ? "check.alertOne" : "check.alertMany", { ids: names(ids), status: alertStatus(status, view) }),
  );
  return notes.length ? `${text} ${notes.join(" ")}` : text;
}

export function alertStatus(status: string, view: View): string {
  return (ALERT_STATUSES as readonly string[]).includes(status) ? view.t(`check.alertStatus.${status}` as MessageKey) : status;
}

/** Dispatch's node states the run changed, a line per change (`(new) -> online` on 20 nodes is one line). */
function dispatchLines(report: CheckReport, view: View, names: Names): string[] {
  const byChange = new Map<string, { from: string | null; to: string; nodes: string[] }>();
  for (const c of report.dispatchNodeChanges) {
    const key = JSON.stringify([c.from, c.to]);
    const g = byChange.get(key) ?? { from: c.from, to: c.to, nodes: [] };
    g.nodes.push(c.name);
    byChange.set(key, g);
  }
  return [...byChange.values()].map((g) => dispatchChange(view, names(g.nodes), g.from, g.to));
}

export function dispatchChange(view: View, nodes: string, from: string | null, to: string): string {
  return view.t("check.dispatchChange", { nodes, from: from ?? view.t("check.dispatchNew"), to });
}

/** "80 passed, 0 fixed, 2 failed, 0 skipped over 20 node(s)", as the job's own summary says it in English. */
export function summaryLine(report: CheckReport, view: View): string {
  const count = (s: CheckStatus) => report.results.filter((r) => r.status === s).length;
  const storm = report.storm ? view.t("check.summaryStorm", { count: report.storm.length }) : "";
  return view.t("check.summary", { passed: count("passed"), fixed: count("fixed"), failed: count("failed"), skipped: count("skipped"), nodes: report.nodes.length }) + storm;
}
