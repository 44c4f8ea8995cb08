import { escapeMrkdwn } from "../../render/escape.ts";

export { escapeMrkdwn };

/** A section's text may hold 3000 characters; code blocks leave room for the fences and a note. */
export const CODE_BLOCK_CHARS = 2800;

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
