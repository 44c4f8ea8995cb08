/**
 * What the CLI's terminal is: whether it takes colour and symbols, and how wide it is. Decided
 * where the CLI runs (the bot answering over oyster.sock is told it, as it cannot see the terminal).
 */
export interface Terminal {
  /** stdout is a terminal: symbols, live progress lines. */
  tty: boolean;
  /** Colour: a terminal and NO_COLOR unset, or FORCE_COLOR set (not "0"); never with --json. */
  colour: boolean;
  /** COLUMNS when it is a positive number, else the terminal's width, else 80. */
  columns: number;
}

export const DEFAULT_COLUMNS = 80;

export function readTerminal(env: NodeJS.ProcessEnv, stdout: { isTTY?: boolean; columns?: number }, json: boolean): Terminal {
  const tty = stdout.isTTY === true && !json;
  const force = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  // https://no-color.org: present and not empty means no colour, whatever its value.
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== "";
  const colour = !json && (force || (tty && !noColor));
  const fromEnv = /^\d{1,4}$/.test(env.COLUMNS ?? "") ? Number(env.COLUMNS) : 0;
  const columns = fromEnv > 0 ? fromEnv : stdout.columns && stdout.columns > 0 ? stdout.columns : DEFAULT_COLUMNS;
  return { tty, colour, columns };
}
