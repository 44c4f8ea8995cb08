import { z } from "zod";
import { alertBookFor } from "../src/alerts/alert-book-for.ts";
import type { Alert } from "../src/alerts/types.ts";
import { noPositionals } from "../src/command/arg-schemas.ts";
import { defineCommand } from "../src/command/types.ts";
import { table } from "../src/render/table.ts";
import { utcMinute } from "../src/render/utc-time.ts";
import { describeMatch, silencedText } from "../src/silences/format.ts";
import { tagsFrom } from "../src/silences/match.ts";
import { silencedBy as silencedByOf, silencesNow, type SilencedBy } from "../src/silences/silenced-alerts.ts";

/** An alert as listed: `silenced` when a silence in force covers it (nothing about it goes out). */
export type ListedAlert = Alert & { silenced?: SilencedBy };

export interface AlertsData {
  filter: "open" | "all";
  alerts: ListedAlert[];
  /** The silences in force now, whether or not they cover an alert yet. */
  silences: Array<SilencedBy & { match: string }>;
}

const when = (iso: string) => utcMinute(iso);

// A storm alert lists its nodes; a long list is cut so the table stays readable.
function where(a: Alert): string {
  if (a.nodes.length === 0) return a.node ?? "(fleet)";
  const shown = a.nodes.slice(0, 3).join(",");
  return a.nodes.length > 3 ? `${shown} +${a.nodes.length - 3}` : shown;
}

function state(a: ListedAlert): string {
  const status = a.status === "snoozed" && a.snoozed ? `snoozed to ${when(a.snoozed.until)}` : a.status;
  return a.silenced ? `${status}, ${silencedText(a.silenced)}` : status;
}

export const alerts = defineCommand({
  name: "alerts",
  summary: "Alerts that are open, acknowledged or snoozed (--all adds resolved ones)",
  usage: "alerts [--open | --all] [--json]",
  options: {
    open: { type: "boolean", description: "unresolved alerts: open, acknowledged, snoozed (the default)" },
    all: { type: "boolean", description: "every alert still kept, resolved ones too" },
  },
  schema: z
    .object({ _: noPositionals, open: z.boolean().optional(), all: z.boolean().optional() })
    .refine((a) => !(a.open && a.all), { message: "give --open or --all, not both", path: ["all"] })
    .transform((a): { filter: "open" | "all" } => ({ filter: a.all ? "all" : "open" })),
  role: "viewer",
  changesState: false,
  async run(ctx, args): Promise<{ ok: boolean; data: AlertsData }> {
    const silences = silencesNow(ctx.store.db, ctx.now(), tagsFrom(() => ctx.config.nodes));
    const alerts = alertBookFor(ctx).list(args.filter).map((a): ListedAlert => {
      const by = silences.of(a);
      return by ? { ...a, silenced: by } : a;
    });
    return { ok: true, data: { filter: args.filter, alerts, silences: silences.active.map((s) => ({ ...silencedByOf(s), match: describeMatch(s.match) })) } };
  },
  text(data: AlertsData) {
    const footer = data.silences.map((s) => `${s.id} ${s.match}: ${silencedText(s)}`);
    const silencesLines = footer.length > 0 ? `\n\nSilences in force:\n${footer.join("\n")}` : "";
    if (data.alerts.length === 0) return `${data.filter === "open" ? "No open alerts." : "No alerts."}${silencesLines}`;
    return table(
      ["ID", "SEVERITY", "STATUS", "CHECK", "NODE", "FIRST SEEN", "LAST SEEN", "MESSAGE"],
      data.alerts.map((a) => [a.id, a.severity, state(a), a.check, where(a), when(a.first_seen), when(a.last_seen), a.message]),
    ) + silencesLines;
  },
});
