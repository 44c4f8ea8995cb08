import type { AlertLine, AlertsSection, SilenceLine } from "../types.ts";
import type { Translate } from "../../locale/index.ts";
import type { SectionView } from "./types.ts";
import { utcMinute } from "../../render/utc-time.ts";

const KNOWN_SEVERITIES = new Set(["critical", "warning", "info"]);
const KNOWN_STATUSES = new Set(["open", "acknowledged", "snoozed", "resolved"]);

/** "silenced until 2026-12-07 10:00 UTC by cli:alice (maintenance)", in the reader's language. */
function silenced(s: { until: string; by: string; reason?: string | null }, t: Translate): string {
  return t("report.alerts.silenced", { until: utcMinute(s.until), by: s.by, reason: s.reason ? t("report.paren", { text: s.reason }) : "" });
}

function alertItem(a: AlertLine, t: Translate): string {
  const where = a.node ?? (a.nodes.length > 0 ? t("alerts.nNodes", { count: a.nodes.length }) : undefined);
  const status = KNOWN_STATUSES.has(a.status) ? t(`alerts.status.${a.status as "open"}`) : a.status;
  return t("report.alerts.item", {
    id: a.id,
    severity: KNOWN_SEVERITIES.has(a.severity) ? t(`alerts.severity.${a.severity as "info"}`) : a.severity,
    subject: where ? t("alerts.plainSubject", { check: a.check, where }) : a.check,
    state: a.status === "open" ? "" : t("report.paren", { text: status }),
    silenced: a.silenced ? ` [${silenced(a.silenced, t)}]` : "",
    time: utcMinute(a.firstSeen),
    message: a.message,
  });
}

const silenceItem = (s: SilenceLine, t: Translate) => `${s.id} ${s.match}${t("report.colon")}${silenced(s, t)}`;

export function viewAlerts(a: AlertsSection, t: Translate): SectionView {
  return {
    title: t("report.alerts.title"),
    summary: t("report.alerts.summary", { opened: a.opened, resolved: a.resolved, open: a.stillOpen }),
    facts: [],
    lists: [
      ...(a.stillOpen > 0 ? [{ label: t("report.alerts.stillOpen"), items: a.open.map((x) => alertItem(x, t)), total: a.stillOpen, alarming: true }] : []),
      ...(a.silences ? [{ label: t("report.alerts.silences"), items: a.silences.map((x) => silenceItem(x, t)), total: a.silences.length }] : []),
    ],
  };
}
