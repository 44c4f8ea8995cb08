// Text from outside Oyster (a task.log, a journal, a process's arguments, dispatch's output, an
// install step's stderr) may hold escape sequences that a terminal obeys rather than shows:
// OSC 52 writes the clipboard, OSC 0/2 retitles the window, CSI 2J clears the screen, and a bare
// CR or backspace can paint over what was printed before. Rendered as text, they are taken out;
// tab and newline stay (they are layout). `--json` keeps every byte: JSON.stringify escapes them.
// Oyster's own control sequences (quota watch's screen clear) are added after this, never through it.

/* eslint-disable no-control-regex */
const ESCAPES = new RegExp(
  [
    // OSC, DCS, SOS, PM, APC (7-bit ESC ] P X ^ _, or their 8-bit forms), through BEL or ST.
    "(?:\\x1b[\\]PX^_]|[\\u0090\\u0098\\u009d\\u009e\\u009f])[^\\x07\\x1b\\u009c]*(?:\\x07|\\x1b\\\\|\\u009c)",
    // CSI: parameters, intermediates, one final byte (colours, cursor moves, clears, mode changes).
    "(?:\\x1b\\[|\\u009b)[\\x30-\\x3f]*[\\x20-\\x2f]*[\\x40-\\x7e]",
    // Any other escape: intermediates and a final byte (ESC c resets the terminal, ESC ( 0 ...).
    "\\x1b[\\x20-\\x2f]*[\\x30-\\x7e]",
    // What is left of C0 (but tab and newline), DEL and C1: a lone ESC, an unterminated OSC's
    // introducer (its text then shows as plain text), CR, backspace, BEL, NUL.
    "[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]",
  ].join("|"),
  "g",
);
/* eslint-enable no-control-regex */

/** Text safe to print to a terminal (or to show in Slack): no control characters but tab and newline. */
export function terminalText(text: string): string {
  return text.replace(ESCAPES, "");
}
