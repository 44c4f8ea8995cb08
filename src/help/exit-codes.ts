import type { MessageKey } from "../locale/index.ts";

/**
 * The CLI's exit codes (design.md, "The contract outside tools rely on"), as `help <command>` lists
 * them; what each means is in the catalogue (src/locale/<locale>/help.ts).
 */
export const EXIT_CODES: ReadonlyArray<{ code: number; meaning: MessageKey }> = [
  { code: 0, meaning: "help.exit.0" },
  { code: 1, meaning: "help.exit.1" },
  { code: 2, meaning: "help.exit.2" },
  { code: 3, meaning: "help.exit.3" },
];
