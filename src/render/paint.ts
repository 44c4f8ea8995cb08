import { randomBytes } from "node:crypto";

/** What a piece of text is, for a terminal to show it: failures stand out, passes do not shout. */
export type Tone = "fail" | "warn" | "ok" | "info" | "dim" | "bold";
/** A result's symbol at the start of a line, on a terminal only. */
export type Mark = "ok" | "fail" | "warn" | "skip" | "fixed" | "info";

export interface Paint {
  /** Whether tones become colours (a terminal, NO_COLOR unset, or FORCE_COLOR). */
  readonly colour: boolean;
  /** Whether marks become symbols (a terminal, whatever the colour). */
  readonly symbols: boolean;
  tone(tone: Tone, text: string): string;
  /** `✖ ` and the like (with the mark's colour), or "" off a terminal. */
  mark(mark: Mark): string;
}

/** Pipes, `--json`, Slack, email: text as it is, no symbols. */
export const PLAIN: Paint = { colour: false, symbols: false, tone: (_t, s) => s, mark: () => "" };

const SGR: Record<Tone, string> = { fail: "1;31", warn: "33", ok: "32", info: "36", dim: "2", bold: "1" };
const SYMBOL: Record<Mark, { symbol: string; tone: Tone }> = {
  ok: { symbol: "✔", tone: "ok" },
  fixed: { symbol: "✚", tone: "ok" },
  fail: { symbol: "✖", tone: "fail" },
  warn: { symbol: "▲", tone: "warn" },
  skip: { symbol: "○", tone: "dim" },
  info: { symbol: "•", tone: "info" },
};

// Colours are written as private markers with a per-process random token, and turned into SGR
// only after the text went through terminalText (which takes every escape sequence out of what
// nodes and files said). A node's output cannot forge a marker: it does not know the token.
const TOKEN = randomBytes(6).toString("hex");
const OPEN = `\uE000${TOKEN}`;
const MARKER = new RegExp(`\\uE000${TOKEN}([a-z]+|0)\\uE001`, "g");
const marker = (code: string) => `${OPEN}${code}\uE001`;

/** A terminal's paint: tones (when `colour`) and symbols, as markers for `resolvePaint`. */
export function terminalPaint(colour: boolean): Paint {
  const tone = (t: Tone, s: string) => (colour && s !== "" ? `${marker(t)}${s}${marker("0")}` : s);
  return { colour, symbols: true, tone, mark: (m) => `${tone(SYMBOL[m].tone, SYMBOL[m].symbol)} ` };
}

/** The markers in `text` as SGR sequences (`colour`) or taken out; the last step before the terminal. */
export function resolvePaint(text: string, colour: boolean): string {
  return text.replace(MARKER, (_m, code: string) => (!colour ? "" : code === "0" ? "\x1b[0m" : `\x1b[${SGR[code as Tone] ?? "0"}m`));
}

/** How many columns `text` takes on a terminal: markers, SGR sequences and combining marks take none, CJK takes two. */
export function displayWidth(text: string): number {
  let width = 0;
  // eslint-disable-next-line no-control-regex
  for (const ch of text.replace(MARKER, "").replace(/\x1b\[[0-9;]*m/g, "")) {
    const cp = ch.codePointAt(0)!;
    if (/\p{Mn}|\p{Me}|\p{Cf}/u.test(ch)) continue;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}
