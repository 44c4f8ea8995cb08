import { displayWidth } from "../render/paint.ts";

/**
 * Words packed into lines of at most `width` columns: the first line starts with `first`, the
 * others with `rest` (an indent). Chinese, which has no spaces, may break between any two
 * characters (not before a closing mark such as `，` or after an opening one such as `（`). A word
 * wider than a whole line is cut, so no line is ever wider than `width` (a terminal would wrap it
 * anyway, without the indent).
 */
export function wrapWords(text: string, width: number, first = "", rest = first): string[] {
  const atoms = text
    .split(/\s+/)
    .filter((w) => w !== "")
    .flatMap((word) => cjkPieces(word).map((piece, i) => ({ text: piece, space: i === 0 })));
  return pack(atoms, width, first, rest);
}

/** Marks a line may not start with (they close what precedes them). */
const NO_START = new Set([..."，。、；：？！）」』》〉】”’…·%,.;:?!)]}"]);
/** Marks a line may not end with (they open what follows them). */
const NO_END = new Set([..."（「『《〈【“‘([{"]);

const wide = (ch: string) => ch.charCodeAt(0) >= 0x1100 && displayWidth(ch) === 2;

/** A word split where a line may break inside it: next to a wide (CJK) character. */
export function cjkPieces(word: string): string[] {
  // Most words are ASCII: nothing to split (help's start-up pays for every word).
  if (/^[\x00-\u10ff]*$/.test(word)) return [word];
  const chars = [...word];
  const pieces: string[] = [];
  let piece = "";
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const prev = chars[i - 1];
    if (prev !== undefined && (wide(prev) || wide(ch)) && !NO_START.has(ch) && !NO_END.has(prev)) {
      pieces.push(piece);
      piece = "";
    }
    piece += ch;
  }
  if (piece !== "") pieces.push(piece);
  return pieces;
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
  return pack(forms.flat().map((text) => ({ text, space: true })), width, first, rest);
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

/** One unbreakable piece of text, and whether a space separates it from the one before. */
interface Atom {
  text: string;
  space: boolean;
}

function pack(atoms: Atom[], width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  const restWidth = displayWidth(rest);
  let line = first;
  // The line's width, kept as it grows: Chinese packs one character at a time.
  let used = displayWidth(first);
  let empty = true;
  const newLine = () => {
    lines.push(line);
    line = rest;
    used = restWidth;
  };
  for (const { text: atom, space } of atoms) {
    if (atom === BREAK) {
      if (!empty) {
        newLine();
        empty = true;
      }
      continue;
    }
    const gap = empty || !space ? "" : " ";
    const atomWidth = displayWidth(atom);
    if (used + gap.length + atomWidth <= width) {
      line += gap + atom;
      used += gap.length + atomWidth;
      empty = false;
      continue;
    }
    if (!empty) newLine();
    // Too wide even for an empty line: cut it into pieces that fit.
    let left = atom;
    while (used + displayWidth(left) > width) {
      const cut = fitting(left, Math.max(1, width - used));
      lines.push(line + left.slice(0, cut));
      line = rest;
      used = restWidth;
      left = left.slice(cut);
    }
    line += left;
    used += displayWidth(left);
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
