import { NAMES, type ArgProblem, type RestartFlags } from "./arg-shapes.ts";
import { parseUnitWords } from "./parse-unit-words.ts";
import type { RestartArgs } from "./types.ts";

export type { ArgProblem, RestartFlags } from "./arg-shapes.ts";

export const RESTART_KINDS = ["dispatch", "daemon", "watcher", "service", "guardian"] as const;

/** dispatch and guardian have one target each: nothing to roll, so the node flags are refused. */
function controllerWords(kind: "dispatch" | "guardian", rest: readonly string[], flags: RestartFlags): { args: RestartArgs } | { problems: ArgProblem[] } {
  const given = (["all", "tag", "parallel"] as const).filter((f) => flags[f] !== undefined && flags[f] !== false);
  if (given.length) return { problems: given.map((flag) => ({ flag, message: `only for restart daemon, watcher and service, not ${kind}` })) };
  if (kind === "guardian") return rest.length === 0 ? { args: { kind } } : { problems: [{ message: "restart guardian takes nothing more" }] };
  if (rest.length !== 1) return { problems: [{ message: "restart dispatch takes <project>" }] };
  if (!NAMES.project.re.test(rest[0]!)) return { problems: [{ index: 1, message: NAMES.project.message }] };
  return { args: { kind, project: rest[0]! } };
}

/**
 * Shapes `restart` positionals (and the node flags) into arguments, or lists every problem. Only
 * the shape is checked here; whether the nodes, tag, project or unit are configured is `validate`'s job.
 */
export function parseRestartWords(words: readonly string[], flags: RestartFlags = {}): { args: RestartArgs } | { problems: ArgProblem[] } {
  const [kind, ...rest] = words;
  if (!kind) return { problems: [{ message: `say what to restart: ${RESTART_KINDS.join(", ")}` }] };
  if (!(RESTART_KINDS as readonly string[]).includes(kind)) {
    return { problems: [{ index: 0, message: `not something restart knows; one of ${RESTART_KINDS.join(", ")}` }] };
  }
  if (kind === "dispatch" || kind === "guardian") return controllerWords(kind, rest, flags);
  return parseUnitWords(kind as "daemon" | "watcher" | "service", rest, flags);
}
