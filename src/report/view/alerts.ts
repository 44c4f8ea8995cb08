import { silencedText } from "../../silences/format.ts";
import type { AlertLine, AlertsSection, SilenceLine } from "../types.ts";

import type { SectionView } from "./types.ts";
import { utcMinute } from "../../render/utc-time.ts";

function alertItem(a: AlertLine): string {
  const where = a.node ? ` on ${a.node}` : a.nodes.length > 0 ? ` on ${a.nodes.length} nodes` : "";
  const state = a.status === "open" ? "" : ` (${a.status})`;
  const silenced = a.silenced ? ` [${silencedText(a.silenced)}]` : "";
  return `${a.id} ${a.severity} ${a.check}${where}${state}${silenced} since ${utcMinute(a.firstSeen)}: ${a.message}`;
}

const silenceItem = (s: SilenceLine) => `${s.id} ${s.match}: ${silencedText(s)}`;

export function viewAlerts(a: AlertsSection): SectionView {
  return {
    title: "Alerts",
    summary: `${a.opened} opened, ${a.resolved} resolved, ${a.stillOpen} still open`,
    facts: [],
    lists: [
      ...(a.stillOpen > 0 ? [{ label: "still open", items: a.open.map(alertItem), total: a.stillOpen }] : []),
      ...(a.silences ? [{ label: "silences in force", items: a.silences.map(silenceItem), total: a.silences.length }] : []),
    ],
  };
}
