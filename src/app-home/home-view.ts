import type { MessageKey } from "../locale/index.ts";
import type { View } from "../render/view.ts";
import { utcMinute } from "../render/utc-time.ts";
import { code, SEVERITY_EMOJI, who } from "../slack/render/alert-format.ts";
import { escapeClipped } from "../slack/render/mrkdwn.ts";
import type { FleetHome, HomeAlert, HomeJobRun, HomeQuotaWindow } from "./fleet-home.ts";
import { nameList } from "./name-list.ts";
import { CONDITION_ORDER } from "./node-conditions.ts";

/** A Block Kit block, as sent (header, section, context, divider here). */
export type HomeBlock = { type: string } & Record<string, unknown>;

/** What views.publish takes for a Home tab. */
export interface HomeView {
  type: "home";
  blocks: HomeBlock[];
}

/** Slack's limits for a Home view (Block Kit reference): 100 blocks, 3000 characters a section, 150 a header. */
export const HOME_BLOCKS_MAX = 100;
const SECTION_MAX = 2900;
const HEADER_MAX = 150;
/** Names listed per condition before "and N more"; up nodes are only counted past UP_NAMES_MAX. */
const NAMES_MAX = 40;
const UP_NAMES_MAX = 12;
const ALERTS_MAX = 40;
const QUOTA_MAX = 20;
const SUMMARY_MAX = 120;

const header = (text: string): HomeBlock => ({ type: "header", text: { type: "plain_text", text: text.slice(0, HEADER_MAX), emoji: true } });
const section = (text: string): HomeBlock => ({ type: "section", text: { type: "mrkdwn", text } });
const context = (text: string): HomeBlock => ({ type: "context", elements: [{ type: "mrkdwn", text }] });
const divider: HomeBlock = { type: "divider" };

/** Lines packed into as few sections as fit (each under Slack's 3000 characters). */
function sections(lines: readonly string[]): HomeBlock[] {
  const out: string[] = [];
  let current = "";
  for (const raw of lines) {
    const line = raw.length > SECTION_MAX ? `${raw.slice(0, SECTION_MAX - 1)}…` : raw;
    if (current && current.length + 1 + line.length > SECTION_MAX) {
      out.push(current);
      current = "";
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(current);
  return out.map(section);
}

function nodeBlocks(home: FleetHome, view: View): HomeBlock[] {
  const { t } = view;
  const { groups, total, sampledAt, dispatchRead } = home.nodes;
  const blocks: HomeBlock[] = [header(t("appHome.nodes", { count: total }))];
  if (total === 0) return [...blocks, section(t("appHome.noNodes"))];
  const more = (count: number) => t("appHome.andMore", { count });
  const lines = CONDITION_ORDER.filter((c) => groups[c].length > 0).map((c) => {
    const names = groups[c];
    if (c === "up" && names.length > UP_NAMES_MAX) return t("appHome.state.upCount", { count: names.length });
    return t(`appHome.state.${c}` as MessageKey, { count: names.length, names: nameList(names, NAMES_MAX, more) });
  });
  const notes = [sampledAt ? t("appHome.asOf", { at: utcMinute(sampledAt) }) : t("appHome.neverSampled"), ...(dispatchRead ? [] : [t("appHome.dispatchUnread")])];
  return [...blocks, ...sections(lines), context(notes.join(" "))];
}

function alertLine(a: HomeAlert, view: View): string {
  const { t } = view;
  const where = a.nodes.length > 1 ? nameList(a.nodes, 5, (count) => t("appHome.andMore", { count })) : (a.node ?? a.nodes[0]);
  const state = a.ackBy ? t("appHome.acked", { by: who(a.ackBy) }) : a.snoozedUntil ? t("appHome.snoozed", { until: utcMinute(a.snoozedUntil) }) : "";
  return t("appHome.alertLine", {
    icon: SEVERITY_EMOJI[a.severity],
    id: escapeClipped(a.id, 40),
    severity: t(`appHome.severity.${a.severity}` as MessageKey),
    check: code(a.check, 80),
    where: where === undefined ? t("appHome.fleetWide") : t("appHome.alertOn", { node: a.nodes.length > 1 ? where : `*${escapeClipped(where, 100)}*` }),
    since: utcMinute(a.since),
    state,
  });
}

function alertBlocks(home: FleetHome, view: View): HomeBlock[] {
  const { t } = view;
  const blocks: HomeBlock[] = [header(t("appHome.alerts", { count: home.alerts.length }))];
  if (home.alerts.length === 0) return [...blocks, section(t("appHome.noAlerts"))];
  const lines = home.alerts.slice(0, ALERTS_MAX).map((a) => alertLine(a, view));
  if (home.alerts.length > ALERTS_MAX) lines.push(t("appHome.moreAlerts", { count: home.alerts.length - ALERTS_MAX }));
  return [...blocks, ...sections(lines)];
}

function quotaLine(q: HomeQuotaWindow, view: View): string {
  const { t } = view;
  return t("appHome.quotaLine", {
    icon: q.status === "exhausted" ? ":red_circle:" : ":large_orange_circle:",
    account: `*${escapeClipped(q.account, 100)}*`,
    window: escapeClipped(q.window, 60),
    used: q.status === "exhausted" ? t("appHome.quotaExhausted") : t("appHome.quotaUsed", { pct: Math.round(q.usedPct ?? 100) }),
    resets: q.resetsAt ? t("appHome.quotaResets", { at: utcMinute(q.resetsAt) }) : "",
    stale: q.stale ? t("appHome.quotaStale", { at: utcMinute(q.at) }) : "",
  });
}

function quotaBlocks(home: FleetHome, view: View): HomeBlock[] {
  const blocks: HomeBlock[] = [header(view.t("appHome.quota"))];
  if (home.quota.length === 0) return [...blocks, section(view.t("appHome.noQuota"))];
  return [...blocks, ...sections(home.quota.slice(0, QUOTA_MAX).map((q) => quotaLine(q, view)))];
}

const OUTCOME_EMOJI: Record<string, string> = { ok: ":large_green_circle:", failed: ":red_circle:", running: ":hourglass_flowing_sand:", skipped: ":white_circle:" };

function jobLine(j: HomeJobRun, view: View): string {
  const { t } = view;
  const job = escapeClipped(j.job, 60);
  if (j.outcome === null || j.startedAt === null) return t("appHome.jobNever", { job });
  return t("appHome.jobLine", {
    icon: OUTCOME_EMOJI[j.outcome] ?? ":white_circle:",
    job,
    outcome: t(`appHome.outcome.${j.outcome}` as MessageKey),
    at: utcMinute(j.startedAt),
    summary: j.summary ? `: ${escapeClipped(j.summary.split("\n")[0] ?? "", SUMMARY_MAX)}` : "",
  });
}

function jobBlocks(home: FleetHome, view: View): HomeBlock[] {
  return [header(view.t("appHome.jobs")), ...sections(home.jobs.map((j) => jobLine(j, view)))];
}

/**
 * The Home tab: nodes by condition (names grouped, never a line per node), open alerts, quota
 * windows near their limits, the last run of each job. Every piece of data is escaped for mrkdwn;
 * the whole stays within Slack's 100 blocks.
 */
export function homeView(home: FleetHome, view: View): HomeView {
  const blocks: HomeBlock[] = [
    header(view.t("appHome.title")),
    context(view.t("appHome.updated", { at: utcMinute(home.at) })),
    divider,
    ...nodeBlocks(home, view),
    divider,
    ...alertBlocks(home, view),
    divider,
    ...quotaBlocks(home, view),
    divider,
    ...jobBlocks(home, view),
  ];
  return { type: "home", blocks: blocks.slice(0, HOME_BLOCKS_MAX) };
}

/** A one-section Home: for someone the fleet is not shown to, or when stored state could not be read. */
export function noticeView(text: string): HomeView {
  return { type: "home", blocks: [section(text.slice(0, SECTION_MAX))] };
}
