import { formatUptime } from "../../../../src/render/table.ts";
import type { LogReading, StuckReason, StuckTask } from "./judge.ts";

/** One alert per task, keyed like the monitor's `quota:<provider>:<account>:<window>`. */
export const STUCK_CHECK = "stuck_tasks";
export const stuckAlertCheck = (t: { project: string; id: number }) => `${STUCK_CHECK}:${t.project}:${t.id}`;
export const isStuckAlertCheck = (check: string) => check.startsWith(`${STUCK_CHECK}:`);

const minutes = (m: number) => formatUptime(Math.floor(m * 60));

function reasonText(s: StuckTask, r: StuckReason): string {
  switch (r.kind) {
    case "running-long": return `longer than its limit of ${r.limitMinutes}m`;
    case "node-offline": return `${s.task.node} offline in dispatch.db for ${minutes(r.offlineMinutes)} (since ${r.since})`;
    case "log-silent": return `task.log not written for ${minutes(r.silentMinutes)} (limit ${r.limitMinutes}m)`;
  }
}

/** What the alert quotes of task.log: its last line (scrubbed, one line, cut short by the reader). */
export function logText(log: LogReading | undefined): string {
  if (!log) return "task.log not read (no node)";
  switch (log.kind) {
    case "read": return log.lastLine ? `last log line: "${log.lastLine}"` : `task.log has no text (${log.size} bytes)`;
    case "missing": return "no task.log on the node";
    case "unknown": return `task.log not read (${log.why})`;
  }
}

/** `web/42 on node-2, running for 4h 10m: <reasons>; <log>`: the task, where, how long, why, its last words. */
export function stuckDetail(s: StuckTask): string {
  const age = s.ageMinutes === null ? "running since an unreadable time" : `running for ${minutes(s.ageMinutes)}`;
  return `${s.task.project}/${s.task.id} on ${s.task.node ?? "no node"}, ${age}: ${s.reasons.map((r) => reasonText(s, r)).join("; ")}; ${logText(s.log)}`;
}

/** An alert message in the guardian's shape: `<node>: <check>: <detail>`. */
export const stuckMessage = (node: string | null, detail: string) => `${node ?? "fleet"}: ${STUCK_CHECK}: ${detail}`;

/** Many tasks at once: one line each, the first `shown`, then how many more. */
export function groupedDetail(details: readonly string[], shown = 10): string {
  const more = details.length > shown ? `; ... and ${details.length - shown} more` : "";
  return `${details.length} tasks stuck: ${details.slice(0, shown).join(" | ")}${more}`;
}
