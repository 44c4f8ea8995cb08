import { escapeMrkdwn } from "../render/escape.ts";
import { CODE_BLOCK_CHARS } from "../slack/render/mrkdwn.ts";

type Block = Record<string, unknown>;

const section = (text: string): Block => ({ type: "section", text: { type: "mrkdwn", text } });

/** Inside a code block only a run of three backticks could end it early. */
const fenceSafe = (s: string) => escapeMrkdwn(s).replace(/```/g, "`\u200b``");

/**
 * The end of a log for Slack: as many of the last lines as fit one section (3000 characters with
 * the fences), oldest first, and a note of how many were left out and the CLI command that shows
 * them. A log's news is at its end, so the cut is at the top (codeBlock cuts the bottom).
 */
export function tailBlocks(title: string, lines: readonly string[], cliCommand: string): Block[] {
  const kept: string[] = [];
  let size = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = fenceSafe(lines[i]!).slice(0, CODE_BLOCK_CHARS);
    if (size + line.length + 1 > CODE_BLOCK_CHARS) break;
    kept.unshift(line);
    size += line.length + 1;
  }
  const blocks: Block[] = [section(`*${escapeMrkdwn(title)}*`)];
  if (kept.length > 0) blocks.push(section("```" + kept.join("\n") + "```"));
  const cut = lines.length - kept.length;
  if (cut > 0) {
    const note = `${cut} earlier line${cut === 1 ? "" : "s"} not shown here: \`${escapeMrkdwn(cliCommand)}\` on the controller shows them`;
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: note }] });
  }
  return blocks;
}
