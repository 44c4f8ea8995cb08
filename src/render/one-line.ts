// Control characters (newlines, ANSI escapes, NULs) in a task error or alert message would break
// a one-line-per-item layout or repaint a terminal; they become spaces before any renderer sees them.
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u001f\u007f-\u009f\s]+/g;

/** Untrusted text as one trimmed line of at most `max` characters (code points, so emoji survive). */
export function oneLine(text: string, max = 200): string {
  const flat = [...text.replace(CONTROL_OR_SPACE, " ").trim()];
  return flat.length > max ? `${flat.slice(0, max - 1).join("")}…` : flat.join("");
}

export function oneLineOrNull(text: string | null | undefined, max?: number): string | null {
  if (text === null || text === undefined) return null;
  const line = oneLine(text, max);
  return line === "" ? null : line;
}
