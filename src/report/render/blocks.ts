import { escapeMrkdwn } from "../../render/escape.ts";
import type { DailyReport } from "../types.ts";
import { viewReport, type Fact, type ListView, type SectionView } from "../view/index.ts";
import { plainView, type View } from "../../render/view.ts";
import type { Translate } from "../../locale/index.ts";

// Block Kit's limits (general knowledge, as the API enforces them): a message holds at most 50
// blocks, a section's text at most 3000 characters, at most 10 fields of 2000 each, and a
// header's plain text at most 150.
export const MAX_BLOCKS = 50;
export const MAX_SECTION_TEXT = 3000;
export const MAX_FIELDS = 10;
export const MAX_FIELD_TEXT = 2000;
export const MAX_HEADER_TEXT = 150;
/** A Slack message is glanced at: ten entries per list, then "... and N more". */
export const BLOCK_LIST_ITEMS = 10;
// One entry, before escaping (which can grow it fivefold), stays well under a section's limit.
const MAX_ITEM = 400;

export type Block = Record<string, unknown>;

export { escapeMrkdwn };

const clip = (text: string, max: number) => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join("")}…`);
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });

/** A list as one section: entries added while they fit both the count and the character limit. */
function listBlock(l: ListView, t: Translate): Block {
  const head = `*${escapeMrkdwn(l.label)}*`;
  const lines: string[] = [];
  let length = head.length;
  for (const item of l.items.slice(0, BLOCK_LIST_ITEMS)) {
    const line = `\n• ${escapeMrkdwn(clip(item, MAX_ITEM))}`;
    if (length + line.length > MAX_SECTION_TEXT - 40) break; // room left for the "more" line
    lines.push(line);
    length += line.length;
  }
  const more = l.total - lines.length;
  return { type: "section", text: mrkdwn(head + lines.join("") + (more > 0 ? `\n_${t("report.more", { count: more })}_` : "")) };
}

function fields(facts: Fact[], t: Translate): Block[] {
  const shown = facts.length > MAX_FIELDS ? facts.slice(0, MAX_FIELDS - 1) : facts;
  const out = shown.map((f) => mrkdwn(clip(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, MAX_FIELD_TEXT)));
  if (shown.length < facts.length) out.push(mrkdwn(`_${t("report.more", { count: facts.length - shown.length })}_`));
  return out;
}

function sectionBlocks(s: SectionView, t: Translate): Block[] {
  const main: Block = { type: "section", text: mrkdwn(clip(`*${escapeMrkdwn(s.title)}*  ${escapeMrkdwn(s.summary)}`, MAX_SECTION_TEXT)) };
  if (s.facts.length > 0) main.fields = fields(s.facts, t);
  return [{ type: "divider" }, main, ...s.lists.map((l) => listBlock(l, t))];
}

/** The report as Block Kit blocks for Slack, within Block Kit's limits whatever the data. */
export function renderBlocks(r: DailyReport, view: View = plainView()): Block[] {
  const v = viewReport(r, view);
  const blocks: Block[] = [
    { type: "header", text: { type: "plain_text", text: clip(v.title, MAX_HEADER_TEXT) } },
    { type: "section", text: mrkdwn(clip(`*${escapeMrkdwn(v.headline)}*`, MAX_SECTION_TEXT)) },
    { type: "context", elements: [mrkdwn(escapeMrkdwn(v.window))] },
    ...v.sections.flatMap((s) => sectionBlocks(s, view.t)),
  ];
  if (blocks.length <= MAX_BLOCKS) return blocks;
  const kept = blocks.slice(0, MAX_BLOCKS - 1);
  return [...kept, { type: "context", elements: [mrkdwn(view.t("report.moreBlocks", { count: blocks.length - kept.length }))] }];
}
