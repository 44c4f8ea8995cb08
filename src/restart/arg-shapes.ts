import { UNIT_NAME_RE } from "../config/fields.ts";
import { NODE_NAME_RE } from "../config/index.ts";
import { PROJECT_NAME_RE } from "../config/schemas/projects-file.ts";

/** The flags that pick nodes for daemon, watcher and service (`--all`, `--tag T`, `--parallel N`). */
export interface RestartFlags {
  all?: boolean;
  tag?: string;
  parallel?: string;
}

/** A problem with one word (its index among the positionals), with a flag, or with the words as a whole. */
export interface ArgProblem {
  index?: number;
  flag?: keyof RestartFlags;
  message: string;
}

// The same character sets config holds these names to: nothing a shell would read as syntax
// (no `;`, `$`, backticks, quotes, spaces) and no leading `-` that a program could take as an option.
export const NAMES = {
  project: { re: PROJECT_NAME_RE, message: "not a valid project name (letters, digits, . _ -; not starting with . _ -)" },
  node: { re: NODE_NAME_RE, message: "not a valid node name (letters, digits, . _ -; not starting with . _ -)" },
  unit: { re: UNIT_NAME_RE, message: "not a valid unit name (letters, digits, @ . _ -; not starting with -)" },
} as const;
