import { z } from "zod";
import { noPositionals } from "../src/command/arg-schemas.ts";
import { defineCommand, type CommandContext } from "../src/command/types.ts";
import { LogReportSink, type ReportSink } from "../src/notify/report-sink.ts";
import { buildReport } from "../src/report/build-report.ts";
import { composeMessage } from "../src/report/compose-message.ts";
import { liveReachability } from "../src/report/live-reachability.ts";
import { renderText } from "../src/report/render/text.ts";
import type { DailyReport, Reachability } from "../src/report/types.ts";
import { viewReport } from "../src/report/view/index.ts";
import { plainView } from "../src/render/view.ts";

/** `--send`'s answer: the report, and the subject it went out under. */
export interface SentReport {
  sent: true;
  subject: string;
  report: DailyReport;
}

export type ReportData = DailyReport | SentReport;

export interface ReportCommandDeps {
  /** Where `--send` delivers: the context's sink (the outbox), else the log. */
  sink?: (ctx: CommandContext) => ReportSink;
  /** Which nodes answer now; tests pass their own instead of SSH. */
  reachability?: (ctx: CommandContext) => () => Promise<Reachability[]>;
}

const isSent = (d: ReportData): d is SentReport => "sent" in d;

/** Built by a factory so tests can hand in their own sink and probe. */
export function reportCommand(deps: ReportCommandDeps = {}) {
  const sinkFor = deps.sink ?? ((ctx: CommandContext) => ctx.reportSink ?? new LogReportSink(ctx.log));
  const reachFor = deps.reachability ?? ((ctx: CommandContext) => liveReachability(ctx.ssh));
  return defineCommand({
    name: "report",
    summary: "The daily report now: nodes, tasks, alerts, fixes, quota, backup, sync, jobs; --send delivers it",
    usage: "report [--send] [--json]",
    options: { send: { type: "boolean", description: "hand the report to the notifier (operator role)" } },
    schema: z.object({ _: noPositionals, send: z.boolean().optional() }).transform((a) => ({ send: a.send === true })),
    // Reading is for everyone; sending posts to the team, so it is an operator's and audited like
    // any change. The contract lists `report --send` among the commands that need no confirmation.
    role: {
      forms: [
        { form: "reading", role: "viewer", example: [] },
        { form: "--send", role: "operator", example: ["--send"] },
      ],
      of: (a: { send: boolean }) => (a.send ? "operator" : "viewer"),
    },
    changesState: (a: { send: boolean }) => a.send,
    confirm: false,
    async run(ctx, args): Promise<{ ok: boolean; data: ReportData }> {
      const built = await buildReport({ config: ctx.config, store: ctx.store, now: ctx.now, reachability: reachFor(ctx) });
      if (!args.send) return { ok: true, data: built };
      // Written in `locale`; the JSON keeps the English headline as its subject (JSON is never translated).
      const message = composeMessage(built, plainView(ctx.config.oyster.locale));
      await sinkFor(ctx).sendReport(message);
      return { ok: true, data: { sent: true, subject: built.headline, report: built } };
    },
    text(data: ReportData, view = plainView()) {
      if (!isSent(data)) return renderText(data, view);
      return `${renderText(data.report, view)}\n\n${view.t("report.sent", { subject: viewReport(data.report, view).headline })}`;
    },
  });
}

export const report = reportCommand();
