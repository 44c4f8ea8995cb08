import type { Translate } from "../locale/index.ts";
import type { ProgressState } from "./progress.ts";

/** Nodes named in the line; the rest are counted ("+5 more"), so a 50-node sync still fits. */
const NAMED = 3;

const PHASES = { copy: "progress.phase.copy", retention: "progress.phase.retention" } as const;

function activeText(state: ProgressState, t: Translate): string {
  if (state.task === "backup") {
    const phase = state.active[0];
    return phase && Object.hasOwn(PHASES, phase) ? t(PHASES[phase as keyof typeof PHASES]) : "";
  }
  if (state.active.length === 0) return "";
  const named = state.active.slice(0, NAMED).join(", ");
  const rest = state.active.length - NAMED;
  return t("progress.working", { nodes: rest > 0 ? `${named} ${t("progress.more", { count: rest })}` : named });
}

/**
 * "sync: 7/20 nodes done (3 s); working on node-9, node-11": one line, in the reader's language.
 * Plain text: the terminal reporter filters it and Slack's escapes it before either shows it.
 */
export function progressLine(state: ProgressState, t: Translate): string {
  const task = t(`progress.task.${state.task}`);
  const counted =
    state.task === "backup"
      ? t("progress.steps", { task, step: Math.min(state.done + 1, state.total), total: state.total })
      : t("progress.nodes", { task, done: state.done, total: state.total });
  const elapsed = t("progress.elapsed", { seconds: Math.floor(state.elapsedMs / 1000) });
  const active = activeText(state, t);
  return active ? t("progress.lineActive", { progress: counted, elapsed, active }) : t("progress.line", { progress: counted, elapsed });
}
