import { displayWidth } from "../render/paint.ts";

/**
 * Words packed into lines of at most `width` columns: the first line starts with `first`, the
 * others with `rest` (an indent). A word wider than a whole line is cut, so no line is ever
 * wider than `width` (a terminal would wrap it anyway, without the indent).
 */
export function wrapWords(text: string, width: number, first = "", rest = first): string[] {
  return pack(text.split(/\s+/).filter((w) => w !== ""), width, first, rest, " ");
}

/**
 * A usage line broken to fit: at the ` | ` between its forms first, then, within a form still too
 * wide, between its outermost bracketed groups (at the ` | ` among them when there are some), and
 * so on inwards, down to words. Continuation lines start with `rest` (deeper than the first
 * line's start); a form after a break keeps its `| `.
 */
export function wrapUsage(usage: string, width: number, first: string, rest: string): string[] {
  const room = width - displayWidth(rest);
  // A form that had to be broken ends its last line: the next form starts a line of its own.
  const forms = splitAlternatives(usage, true).map((form) => (displayWidth(form) <= room ? [form] : [...pieces(form, room), BREAK]));
  return pack(forms.flat(), width, first, rest, " ");
}

/** In `pack`'s input: end the line here. */
const BREAK = "\n";

function pieces(text: string, room: number): string[] {
  if (displayWidth(text) <= room) return [text];
  const parts = splitOutermost(text);
  return parts.length > 1 ? parts.flatMap((p) => pieces(p, room)) : splitSpaces(text);
}

/**
 * `a | b [c | d]` as `["a", "| b [c | d]"]` (`topLevel`) or `["a", "| b [c", "| d]"]`: each form
 * after the first keeps its `| ` so a broken line still reads as an alternative.
 */
export function splitAlternatives(text: string, topLevel: boolean): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "[" || ch === "(") depth++;
    else if (ch === "]" || ch === ")") depth = Math.max(0, depth - 1);
    else if (text.startsWith(" | ", i) && (!topLevel || depth === 0)) {
      parts.push(text.slice(start, i));
      start = i + 1; // keep "| " with the form that follows
      i += 2;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((p) => p.trim() !== "");
}

/** Words, a form's leading `|` kept with the word after it. */
function splitSpaces(text: string): string[] {
  const words = text.split(" ").filter((w) => w !== "");
  return words[0] === "|" && words.length > 1 ? [`| ${words[1]}`, ...words.slice(2)] : words;
}

/**
 * Split at the spaces least deep in brackets: at the ` | ` among them when there is one (the
 * `| ` kept with what follows), else at every such space (`[--tags a,b]` stays whole).
 */
function splitOutermost(text: string): string[] {
  const spaces: Array<{ at: number; depth: number; bar: boolean }> = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "[" || ch === "(") depth++;
    else if (ch === "]" || ch === ")") depth = Math.max(0, depth - 1);
    else if (ch === " " && i > 0 && text[i + 1] !== undefined && !(text[i - 1] === "|" && (i < 2 || text[i - 2] === " "))) {
      spaces.push({ at: i, depth, bar: text.startsWith(" | ", i) });
    }
  }
  if (spaces.length === 0) return [text];
  const least = Math.min(...spaces.map((s) => s.depth));
  const outer = spaces.filter((s) => s.depth === least);
  const cuts = outer.some((s) => s.bar) ? outer.filter((s) => s.bar) : outer;
  const parts: string[] = [];
  let start = 0;
  for (const s of cuts) {
    parts.push(text.slice(start, s.at));
    start = s.at + 1;
  }
  parts.push(text.slice(start));
  return parts.filter((p) => p !== "");
}

function pack(atoms: string[], width: number, first: string, rest: string, sep: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const atom of atoms) {
    if (atom === BREAK) {
      if (!empty) {
        lines.push(line);
        line = rest;
        empty = true;
      }
      continue;
    }
    const joined = empty ? line + atom : line + sep + atom;
    if (displayWidth(joined) <= width) {
      line = joined;
      empty = false;
      continue;
    }
    if (!empty) {
      lines.push(line);
      line = rest;
    }
    // Too wide even for an empty line: cut it into pieces that fit.
    let left = atom;
    while (displayWidth(line + left) > width) {
      const cut = fitting(left, Math.max(1, width - displayWidth(line)));
      lines.push(line + left.slice(0, cut));
      line = rest;
      left = left.slice(cut);
    }
    line += left;
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(line);
  return lines.map((l) => l.trimEnd());
}

/** How many UTF-16 units of `text` fit in `columns` (at least one character). */
function fitting(text: string, columns: number): number {
  let used = 0;
  let end = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (used + w > columns && end > 0) break;
    used += w;
    end += ch.length;
  }
  return end;
}
