import { z } from "zod";
import { alertBookFor } from "../src/alerts/alert-book-for.ts";
import type { Alert } from "../src/alerts/types.ts";
import { noPositionals } from "../src/command/arg-schemas.ts";
import { defineCommand } from "../src/command/types.ts";
import { table } from "../src/render/table.ts";
import { utcMinute } from "../src/render/utc-time.ts";

export interface AlertsData {
  filter: "open" | "all";
  alerts: Alert[];
}

const when = (iso: string) => utcMinute(iso);

// A storm alert lists its nodes; a long list is cut so the table stays readable.
function where(a: Alert): string {
  if (a.nodes.length === 0) return a.node ?? "(fleet)";
  const shown = a.nodes.slice(0, 3).join(",");
  return a.nodes.length > 3 ? `${shown} +${a.nodes.length - 3}` : shown;
}

function state(a: Alert): string {
  return a.status === "snoozed" && a.snoozed ? `snoozed to ${when(a.snoozed.until)}` : a.status;
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
  async run(ctx, args) {
    return { ok: true, data: { filter: args.filter, alerts: alertBookFor(ctx).list(args.filter) } };
  },
  text(data: AlertsData) {
    if (data.alerts.length === 0) return data.filter === "open" ? "No open alerts." : "No alerts.";
    return table(
      ["ID", "SEVERITY", "STATUS", "CHECK", "NODE", "FIRST SEEN", "LAST SEEN", "MESSAGE"],
      data.alerts.map((a) => [a.id, a.severity, state(a), a.check, where(a), when(a.first_seen), when(a.last_seen), a.message]),
    );
  },
});
