import { toAlert } from "../../alerts/alert-row.ts";
import { AlertTable } from "../../alerts/alert-table.ts";
import type { Alert } from "../../alerts/types.ts";
import type { Db } from "../../store/index.ts";
import { oneLine } from "../../render/one-line.ts";
import { describeMatch } from "../../silences/format.ts";
import type { TagsOf } from "../../silences/match.ts";
import { silencedBy, silencesNow, type SilencedBy } from "../../silences/silenced-alerts.ts";
import { LIST_LIMIT, type AlertLine, type AlertsSection } from "../types.ts";

const SEVERITY_RANK: Record<string, number> = { critical: 0, warning: 1, info: 2 };

const within = (iso: string | null, since: Date, until: Date) => {
  if (iso === null) return false;
  const t = Date.parse(iso);
  return t >= since.getTime() && t <= until.getTime();
};

/**
 * Alerts opened and resolved in the window, and every alert still unresolved now, whatever its
 * age. Read straight from the table: the report must not need a notifier to look at alerts.
 */
export function gatherAlerts(db: Db, since: Date, until: Date, tagsOf: TagsOf = () => []): AlertsSection {
  const all = new AlertTable(db).list("all").map(toAlert);
  const silences = silencesNow(db, until, tagsOf);
  const open = all
    .filter((a) => a.status !== "resolved")
    .sort((a, b) => (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9) || a.first_seen.localeCompare(b.first_seen));
  return {
    opened: all.filter((a) => within(a.first_seen, since, until)).length,
    resolved: all.filter((a) => a.status === "resolved" && within(a.resolved_at, since, until)).length,
    stillOpen: open.length,
    open: open.slice(0, LIST_LIMIT).map((a) => {
      const by = silences.of(a);
      return by ? { ...toLine(a), silenced: flat(by) } : toLine(a);
    }),
    ...(silences.active.length > 0
      ? { silences: silences.active.map((s) => ({ ...flat(silencedBy(s)), match: oneLine(describeMatch(s.match)) })) }
      : {}),
  };
}

// The reason is someone's free text: one line, like every other untrusted string in the report.
const flat = (b: SilencedBy): SilencedBy => (b.reason ? { ...b, reason: oneLine(b.reason) } : b);

function toLine(a: Alert): AlertLine {
  return {
    id: a.id,
    source: a.source,
    check: oneLine(a.check, 60),
    node: a.node === null ? null : oneLine(a.node, 100),
    nodes: a.nodes.map((n) => oneLine(n, 100)),
    severity: a.severity,
    status: a.status,
    firstSeen: a.first_seen,
    message: oneLine(a.message),
  };
}
