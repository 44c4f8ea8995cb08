import type { ReportMessage } from "../notify/report-sink.ts";
import { renderBlocks } from "./render/blocks.ts";
import { renderHtml } from "./render/html.ts";
import { renderText } from "./render/text.ts";
import type { DailyReport } from "./types.ts";

/** Every rendering of one report, for a sink to pick from; the headline is the subject. */
export function composeMessage(report: DailyReport): ReportMessage {
  return { subject: report.headline, text: renderText(report), html: renderHtml(report), blocks: renderBlocks(report) };
}
