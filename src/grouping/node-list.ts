import { displayWidth } from "../render/paint.ts";

export interface NodeListOptions {
  /** At most this many names, then `more`; all of them when absent (the terminal). */
  max?: number;
  /** What follows the names shown, given how many were left out; English by default. */
  more?: (rest: number) => string;
}

/** `, ... and 14 more`: the default tail of a cut list (callers with a locale pass their own). */
export const andMore = (rest: number): string => `, ... and ${rest} more`;

/**
 * Node names joined with ", ", cut after `max` with "..., and N more" (Slack: a message has room
 * for a few names, `oyster check` on the controller lists them all). A cut that would leave out
 * a single name shows it instead: "and 1 more" takes as much room as the name.
 */
export function nodeList(names: readonly string[], opts: NodeListOptions = {}): string {
  const { max } = opts;
  if (max === undefined || names.length <= max + 1) return names.join(", ");
  const shown = Math.max(1, max);
  return `${names.slice(0, shown).join(", ")}${(opts.more ?? andMore)(names.length - shown)}`;
}

/**
 * One line broken at spaces so each piece fits `width` columns (CJK counts two, paint none); the
 * pieces after the first are indented. A word wider than the line is kept whole on its own.
 */
export function wrapLine(line: string, width: number, indent = "    "): string {
  if (displayWidth(line) <= width) return line;
  const words = line.split(" ");
  const out: string[] = [];
  let current = "";
  for (const word of words) {
    const candidate = current === "" ? word : `${current} ${word}`;
    const lead = out.length === 0 ? "" : indent;
    if (current !== "" && displayWidth(lead + candidate) > width) {
      out.push(lead + current);
      current = word;
    } else current = candidate;
  }
  out.push((out.length === 0 ? "" : indent) + current);
  return out.join("\n");
}
