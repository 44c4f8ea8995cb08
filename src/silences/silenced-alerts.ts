import type { Alert } from "../alerts/types.ts";
import type { Db } from "../store/index.ts";
import { coveringSilence, type TagsOf } from "./match.ts";
import { SilenceTable } from "./silence-table.ts";
import { endOf, type Silence } from "./types.ts";

/** The silence an alert is under, as `alerts` and the report show it. */
export interface SilencedBy {
  id: string;
  until: string;
  by: string;
  reason?: string;
}

export function silencedBy(s: Silence): SilencedBy {
  return { id: s.id, until: endOf(s), by: s.by, ...(s.reason ? { reason: s.reason } : {}) };
}

/**
 * The silences in force now and, for each unresolved alert one covers, which (the one that lasts
 * longest). Resolved alerts are left alone: nothing about them is held any more.
 */
export function silencesNow(db: Db, now: Date, tagsOf: TagsOf) {
  const active = new SilenceTable(db).activeAt(now);
  return {
    active,
    of(alert: Alert): SilencedBy | undefined {
      if (alert.status === "resolved") return undefined;
      const s = coveringSilence(active, alert, tagsOf);
      return s ? silencedBy(s) : undefined;
    },
  };
}
