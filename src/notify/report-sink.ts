import type { Logger } from "../log.ts";

/** One report in every form a channel may want: Slack takes blocks, email takes text and HTML. */
export interface ReportMessage {
  subject: string;
  text: string;
  html: string;
  blocks: unknown[];
}

/**
 * Where the daily report goes. The delivery issue adds Slack (report channel) and email behind
 * this; until then the report goes to the log.
 */
export interface ReportSink {
  sendReport(report: ReportMessage): Promise<void>;
}

/** The delivery the bot has until Slack and email exist: one line, the subject, at info. */
export class LogReportSink implements ReportSink {
  constructor(private readonly log: Logger) {}

  async sendReport(report: ReportMessage): Promise<void> {
    this.log.info({ subject: report.subject, blocks: report.blocks.length, textChars: report.text.length }, "report not sent (no delivery wired here): logged only");
  }
}
