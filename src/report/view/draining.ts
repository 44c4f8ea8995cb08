import type { DrainingNode } from "../../fleet/draining-view.ts";
import type { Translate } from "../../locale/index.ts";
import { utcMinute } from "../../render/utc-time.ts";

/**
 * "node-1 drained by cli:alice since 2026-05-01 10:00 UTC (kernel upgrade)" (drainingLine in
 * src/fleet/draining-view.ts) in the reader's language: status and the report both show it.
 */
export function drainingText(d: DrainingNode, t: Translate): string {
  if (d.by === null) return t("status.drainedOutside", { node: d.node });
  return t("status.drainedBy", { node: d.node, by: d.by, since: utcMinute(d.since), reason: d.reason ? t("status.why", { reason: d.reason }) : "" });
}
