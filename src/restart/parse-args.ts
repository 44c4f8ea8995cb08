import { UNIT_NAME_RE } from "../config/fields.ts";
import { NODE_NAME_RE } from "../config/index.ts";
import { PROJECT_NAME_RE } from "../config/schemas/projects-file.ts";
import type { RestartArgs } from "./types.ts";

export const RESTART_KINDS = ["dispatch", "daemon", "watcher", "service", "guardian"] as const;

/** A problem with one word (its index among the positionals) or with the words as a whole. */
export interface ArgProblem {
  index?: number;
  message: string;
}

// The same character sets config holds these names to: nothing a shell would read as syntax
// (no `;`, `$`, backticks, quotes, spaces) and no leading `-` that a program could take as an option.
const NAMES = {
  project: { re: PROJECT_NAME_RE, message: "not a valid project name (letters, digits, . _ -; not starting with . _ -)" },
  node: { re: NODE_NAME_RE, message: "not a valid node name (letters, digits, . _ -; not starting with . _ -)" },
  unit: { re: UNIT_NAME_RE, message: "not a valid unit name (letters, digits, @ . _ -; not starting with -)" },
} as const;

const ARITY: Record<RestartArgs["kind"], Array<keyof typeof NAMES>> = {
  guardian: [],
  dispatch: ["project"],
  daemon: ["node"],
  watcher: ["node"],
  service: ["node", "unit"],
};

/**
 * Shapes `restart` positionals into arguments, or lists every problem. Only the shape is checked
 * here; whether the node, project or unit is configured is `validate`'s job.
 */
export function parseRestartWords(words: readonly string[]): { args: RestartArgs } | { problems: ArgProblem[] } {
  const [kind, ...rest] = words;
  if (!kind) return { problems: [{ message: `say what to restart: ${RESTART_KINDS.join(", ")}` }] };
  if (!(RESTART_KINDS as readonly string[]).includes(kind)) {
    return { problems: [{ index: 0, message: `not something restart knows; one of ${RESTART_KINDS.join(", ")}` }] };
  }
  const wanted = ARITY[kind as RestartArgs["kind"]];
  if (rest.length !== wanted.length) {
    return { problems: [{ message: wanted.length === 0 ? `restart ${kind} takes nothing more` : `restart ${kind} takes ${wanted.map((w) => `<${w}>`).join(" ")}` }] };
  }
  const problems: ArgProblem[] = [];
  wanted.forEach((name, i) => {
    const { re, message } = NAMES[name];
    if (!re.test(rest[i]!)) problems.push({ index: i + 1, message });
  });
  if (problems.length) return { problems };
  const [a, b] = rest as [string, string];
  switch (kind) {
    case "guardian":
      return { args: { kind } };
    case "dispatch":
      return { args: { kind, project: a } };
    case "daemon":
    case "watcher":
      return { args: { kind, node: a } };
    default:
      return { args: { kind: "service", node: a, unit: b } };
  }
}
