import type { NodeStateRow, RunningRow } from "../../../../src/dispatch/stuck-inputs.ts";

/** task.log on the task's node, as the node's own reader saw it (task-log-reader.ts). */
export type LogReading =
  /** `silentMinutes`: since its last write, by the node's own clock (no controller skew). */
  | { kind: "read"; silentMinutes: number; size: number; lastLine: string }
  | { kind: "missing" }
  /** Not read at all: why (node unreachable, a link, the reader failed). */
  | { kind: "unknown"; why: string };

export type StuckReason =
  | { kind: "running-long"; limitMinutes: number }
  | { kind: "node-offline"; offlineMinutes: number; since: string }
  | { kind: "log-silent"; silentMinutes: number; limitMinutes: number };

export interface StuckTask {
  task: RunningRow;
  /** Minutes since started_at (created_at when dispatch left that empty); null when neither parses. */
  ageMinutes: number | null;
  reasons: StuckReason[];
  log: LogReading | undefined;
}

export interface JudgeInput {
  running: readonly RunningRow[];
  nodes: readonly NodeStateRow[];
  logs: ReadonlyMap<string, LogReading>;
  now: Date;
  /** The task's project's own maxRunMinutes, or the default. */
  maxRunMinutes: (project: string) => number;
  offlineMinutes: number;
}

export const taskKey = (t: { project: string; id: number }) => `${t.project}/${t.id}`;

const minutesSince = (at: string | null, now: Date): number | null => {
  const t = at === null ? NaN : Date.parse(at);
  return Number.isNaN(t) ? null : Math.max(0, (now.getTime() - t) / 60_000);
};

/**
 * Which running tasks are stuck, and why, as a pure function of what was read and `now` (tested
 * with a fake clock). Each reason is "longer than" its limit, never "at least": a task exactly
 * at the limit is still within it. A draining or paused node's tasks are judged as any others.
 */
export function judgeStuck(input: JudgeInput): StuckTask[] {
  const states = new Map(input.nodes.map((n) => [n.name, n]));
  const out: StuckTask[] = [];
  for (const task of input.running) {
    const limit = input.maxRunMinutes(task.project);
    const ageMinutes = minutesSince(task.startedAt ?? task.createdAt, input.now);
    const reasons: StuckReason[] = [];
    if (ageMinutes !== null && ageMinutes > limit) reasons.push({ kind: "running-long", limitMinutes: limit });
    const node = task.node === null ? undefined : states.get(task.node);
    const offlineMinutes = node?.state === "offline" ? minutesSince(node.updatedAt, input.now) : null;
    if (node && offlineMinutes !== null && offlineMinutes > input.offlineMinutes) reasons.push({ kind: "node-offline", offlineMinutes, since: node.updatedAt });
    const log = input.logs.get(taskKey(task));
    if (log?.kind === "read" && log.silentMinutes > limit) reasons.push({ kind: "log-silent", silentMinutes: log.silentMinutes, limitMinutes: limit });
    if (reasons.length > 0) out.push({ task, ageMinutes, reasons, log });
  }
  return out;
}

/** The offline-node case: the only one a requeue may fix (the node cannot be running it any more). */
export function offlineReason(s: StuckTask): Extract<StuckReason, { kind: "node-offline" }> | undefined {
  return s.reasons.find((r): r is Extract<StuckReason, { kind: "node-offline" }> => r.kind === "node-offline");
}
