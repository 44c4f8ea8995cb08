import type { DailyReport } from "../types.ts";
import { viewReport, type ListView, type SectionView } from "../view/index.ts";

/** Lists in the terminal and the plain-text email stop here: ten seconds, not a log file. */
export const TEXT_LIST_ITEMS = 10;

const LABEL_WIDTH = 11;
const INDENT = " ".repeat(LABEL_WIDTH);

function listLines(list: ListView): string[] {
  const shown = list.items.slice(0, TEXT_LIST_ITEMS);
  const more = list.total - shown.length;
  const lines = more > 0 ? [...shown, `... and ${more} more`] : shown;
  const head = `${list.label}: `;
  const pad = " ".repeat(head.length);
  return lines.map((line, i) => `${INDENT}${i === 0 ? head : pad}${line}`);
}

function sectionLines(s: SectionView): string[] {
  return [
    `${s.title.padEnd(LABEL_WIDTH)}${s.summary}`,
    ...s.facts.map((f) => `${INDENT}${f.label}: ${f.value}`),
    ...s.lists.flatMap(listLines),
  ];
}

/**
 * The report for a terminal and the plain-text email: the headline first, then one short block
 * per section, failures named. Values were flattened to one line when gathered, so a task error
 * cannot inject lines or terminal escapes here.
 */
export function renderText(r: DailyReport): string {
  const v = viewReport(r);
  return [v.headline, v.window, "", ...v.sections.flatMap(sectionLines)].join("\n");
}
