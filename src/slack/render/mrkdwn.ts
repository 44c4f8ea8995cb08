import { escapeMrkdwn } from "../../render/escape.ts";
import { CODE_BLOCK_CHARS } from "./limits.ts";

export { escapeMrkdwn };

/**
 * Escaped and cut to `max` characters *after* escaping: escaping can grow text fivefold, and a
 * cut must never split an entity like `&amp;` (Slack would show the remains).
 */
export function escapeClipped(raw: string, max: number): string {
  let out = "";
  for (const ch of raw) {
    const e = escapeMrkdwn(ch);
    if (out.length + e.length > max - 1) return `${out}…`;
    out += e;
  }
  return out;
}

export { CODE_BLOCK_CHARS } from "./limits.ts";

/**
 * Text in a code block, cut with a note when it is too long for one Slack section (a long
 * output must never turn into a Slack error).
 */
export function codeBlock(text: string, cutNote: string): string {
  const safe = escapeMrkdwn(text).replace(/```/g, "`\u200b``");
  if (safe.length <= CODE_BLOCK_CHARS) return "```" + safe + "```";
  const kept = safe.slice(0, CODE_BLOCK_CHARS);
  return "```" + kept.slice(0, kept.lastIndexOf("\n") > 0 ? kept.lastIndexOf("\n") : kept.length) + "```\n_" + cutNote + "_";
}
