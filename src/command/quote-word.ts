// How an error message shows a word someone typed: quoted, with control characters and
// text-direction marks written as escapes (a terminal or a Slack client would obey them), and
// cut when long, so that an unknown 100 KB argument is named in one readable line.

/** Bidirectional overrides, embeddings, isolates and marks: they reorder how the rest displays. */
// eslint-disable-next-line no-misleading-character-class
export const DIRECTION_MARK_RE = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
export const WORD_CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]/;

const escapeMarks = (quoted: string) =>
  quoted.replace(new RegExp(`${DIRECTION_MARK_RE.source}|[\\u0080-\\u009f]`, "g"), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** `"node-1"`, `"a\u001b[2J"`, or `"xxxx…" (102400 characters)` past `max` characters. */
export function quoteWord(word: string, max = 40): string {
  const chars = [...word];
  if (chars.length <= max) return escapeMarks(JSON.stringify(word));
  return `${escapeMarks(JSON.stringify(chars.slice(0, max).join("")).slice(0, -1))}…" (${chars.length} characters)`;
}

/** What is wrong with a word as such, whatever it is for; undefined when nothing is. */
export function wordProblem(word: string, maxChars: number): string | undefined {
  if (word.length > maxChars) return `is ${word.length} characters long; at most ${maxChars}`;
  const control = WORD_CONTROL_RE.exec(word);
  if (control) return `holds a control character (U+${hex(control[0])}); type the text without it`;
  const mark = DIRECTION_MARK_RE.exec(word);
  if (mark) return `holds a text-direction mark (U+${hex(mark[0])}), which hides how the text reads`;
  return undefined;
}

const hex = (c: string) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
