import { formatUptime } from "../../render/table.ts";
import type { QuotaWindow } from "../types.ts";

/** How old an agent plan's reading is: "12m", "3h 5m"; "age unknown" when the agent gave no time. */
export function readingAge(w: Pick<QuotaWindow, "readingAt">, now: Date): string {
  if (!w.readingAt) return "age unknown";
  const s = Math.max(0, Math.round((now.getTime() - Date.parse(w.readingAt)) / 1000));
  return s < 60 ? "just now" : `${formatUptime(s)} ago`;
}

/**
 * Where an agent plan's window was read, for people: "codex-node-1, sessions, 12m ago", with
 * "STALE" when it is older than monitor.agentStaleHours. Null for an API window.
 */
export function readingCell(w: Pick<QuotaWindow, "node" | "source" | "readingAt" | "stale">, now: Date): string | null {
  if (!w.node) return null;
  return [w.node, w.source, readingAge(w, now), ...(w.stale ? ["STALE"] : [])].filter(Boolean).join(", ");
}
