import type { Logger } from "../log.ts";

/** One report in every form a channel may want: Slack takes blocks, email takes text and HTML. */
export interface ReportMessage {
  subject: string;
  text: string;
  html: string;
  blocks: unknown[];
}

/** Where the daily report goes: the Deliverer (Slack's report channel and email, through the outbox), or the log. */
export interface ReportSink {
  sendReport(report: ReportMessage): Promise<void>;
}

/** Where no delivery is wired (a job run without the bot's outbox): one line, the subject, at info. */
export class LogReportSink implements ReportSink {
  constructor(private readonly log: Logger) {}

  async sendReport(report: ReportMessage): Promise<void> {
    this.log.info({ subject: report.subject, blocks: report.blocks.length, textChars: report.text.length }, "report not sent (no delivery wired here): logged only");
  }
}
