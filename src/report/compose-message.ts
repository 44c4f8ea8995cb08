import type { ReportMessage } from "../notify/report-sink.ts";
import { plainView, type View } from "../render/view.ts";
import { renderBlocks } from "./render/blocks.ts";
import { renderHtml } from "./render/html.ts";
import { renderText } from "./render/text.ts";
import { viewReport } from "./view/index.ts";
import type { DailyReport } from "./types.ts";

/**
 * Every rendering of one report, for a sink to pick from; the headline is the subject. Written in
 * the view's language (`locale` in oyster.json: the report job and `report --send` pass it).
 */
export function composeMessage(report: DailyReport, view: View = plainView()): ReportMessage {
  return { subject: viewReport(report, view).headline, text: renderText(report, view), html: renderHtml(report, view), blocks: renderBlocks(report, view) };
}
