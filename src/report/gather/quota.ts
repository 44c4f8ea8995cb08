import type { Config } from "../../config/index.ts";
import type { QuotaSection } from "../types.ts";

/**
 * API quota per provider account. The quota monitor does not exist yet, so a configured account
 * says "no data yet"; once the monitor stores readings, this is where they are read.
 */
export function gatherQuota(config: Config): QuotaSection {
  const accounts = Object.entries(config.oyster.monitor.providers).flatMap(([provider, list]) =>
    (list ?? []).map((a) => ({ provider, account: a.label, usedPercent: null, note: "no data yet" })),
  );
  if (accounts.length === 0) return { state: "not-configured", reason: "no provider accounts in oyster.json monitor.providers" };
  return { state: "configured", accounts };
}
