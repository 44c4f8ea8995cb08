import type { MessageKey, Translate } from "../../locale/index.ts";

const TASK_STATUSES = new Set(["pending", "running", "done", "failed", "cancelled"]);
const OUTCOMES = new Set(["ok", "failed", "skipped"]);

/** A dispatch task status in the reader's words ("failed", "失败"); one dispatch adds later stays as it is. */
export function taskStatus(status: string, t: Translate): string {
  return TASK_STATUSES.has(status) ? t(`status.task.${status}` as MessageKey) : status;
}

/** A job run's outcome ("ok", "FAILED"; "成功", "失败"); an unknown one upper-cased, as before. */
export function outcomeWord(outcome: string, t: Translate): string {
  return OUTCOMES.has(outcome) ? t(`status.outcome.${outcome}` as MessageKey) : outcome.toUpperCase();
}
