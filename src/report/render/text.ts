import type { DailyReport } from "../types.ts";
import { viewReport, type ListView, type SectionView } from "../view/index.ts";
import { displayWidth } from "../../render/paint.ts";
import { plainView, type View } from "../../render/view.ts";
import type { Translate } from "../../locale/index.ts";

/** Lists in the terminal and the plain-text email stop here: ten seconds, not a log file. */
export const TEXT_LIST_ITEMS = 10;

const LABEL_WIDTH = 11;
const INDENT = " ".repeat(LABEL_WIDTH);

// Columns as a terminal counts them: a Chinese title or label takes two per character.
const padTo = (text: string, width: number) => text + " ".repeat(Math.max(0, width - displayWidth(text)));

function listLines(list: ListView, t: Translate): string[] {
  const shown = list.items.slice(0, TEXT_LIST_ITEMS);
  const more = list.total - shown.length;
  const lines = more > 0 ? [...shown, t("report.more", { count: more })] : shown;
  const head = `${list.label}${t("report.colon")}`;
  const pad = " ".repeat(displayWidth(head));
  return lines.map((line, i) => `${INDENT}${i === 0 ? head : pad}${line}`);
}

function sectionLines(s: SectionView, t: Translate): string[] {
  return [
    `${padTo(s.title, LABEL_WIDTH)}${s.summary}`,
    ...s.facts.map((f) => `${INDENT}${f.label}${t("report.colon")}${f.value}`),
    ...s.lists.flatMap((l) => listLines(l, t)),
  ];
}

/**
 * The report for a terminal and the plain-text email: the headline first, then one short block
 * per section, failures named. Values were flattened to one line when gathered, so a task error
 * cannot inject lines or terminal escapes here.
 */
export function renderText(r: DailyReport, view: View = plainView()): string {
  const v = viewReport(r, view);
  return [v.headline, v.window, "", ...v.sections.flatMap((s) => sectionLines(s, view.t))].join("\n");
}
