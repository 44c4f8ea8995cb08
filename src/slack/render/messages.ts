import type { AnyCommand, CommandContext, CommandFile, Plan } from "../../command/types.ts";
import type { OysterError } from "../../errors.ts";
import type { Locale } from "../../locale/index.ts";
import { plainView } from "../../render/view.ts";
import { codeBlock, escapeClipped, escapeMrkdwn } from "./mrkdwn.ts";
import { SECTION_TEXT_CUT } from "./limits.ts";

export type Block = Record<string, unknown>;

export interface SlackReply {
  responseType: "ephemeral" | "in_channel";
  /**
   * The notification and fallback text: Slack parses it like mrkdwn (mentions, links), so
   * everything from data in it is escaped, exactly as in the blocks.
   */
  text: string;
  blocks: Block[];
  /** For button clicks: replace the message that held the buttons. */
  replaceOriginal?: boolean;
  /** Files to upload to the channel after the reply (the quota chart). */
  files?: ReplyFiles;
}

export interface ReplyFiles {
  /** Made after the ack, so a slow render never delays it. */
  make(): Promise<CommandFile[]>;
  /** The result as text: shown instead when making or uploading the files fails. */
  fallback: string;
}

const section = (text: string): Block => ({ type: "section", text: { type: "mrkdwn", text } });

/** A command's result: its own Block Kit when it has one, else its text in a code block. */
export function resultReply(cmd: AnyCommand, data: object, ok: boolean, responseType: SlackReply["responseType"], locale: Locale = "en", args?: unknown): SlackReply {
  const view = plainView(locale);
  const text = cmd.text(data, view, args);
  const blocks = cmd.blocks ? (cmd.blocks(data, view, args) as Block[]) : [section(codeBlock(text, view.t("alerts.notice.outputCut", { command: cmd.name })))];
  const head = ok ? "" : ":warning: ";
  return { responseType, text: head + escapeClipped(text.split("\n")[0] || cmd.name, 300 - head.length), blocks };
}

/** The files a command shows beside its reply, when it has any (`slackFiles`). */
export function replyFiles(cmd: AnyCommand, data: object, ctx: CommandContext, args?: unknown): ReplyFiles | undefined {
  if (!cmd.slackFiles) return undefined;
  const view = plainView(ctx.config.oyster.locale);
  return { make: () => cmd.slackFiles!(data, ctx, view), fallback: cmd.text(data, view, args) };
}

/** What went wrong, in Slack's words: the CLI's usage lines become `/oyster` ones. */
export function errorReply(err: OysterError): SlackReply {
  const message = err.message.replace(/usage: oyster /g, "usage: /oyster ");
  const icon = err.code === "Unauthorized" ? ":no_entry:" : ":x:";
  // Cut after escaping: a message quoting what was typed must still fit one section (Slack
  // refuses a larger one, and the asker would see nothing at all).
  return { responseType: "ephemeral", text: escapeClipped(`${err.code}: ${message}`, 300), blocks: [section(`${icon} ${escapeClipped(message, SECTION_TEXT_CUT)}`)] };
}

/** A short notice; `mrkdwn` is trusted markup (mentions), so callers escape any text they put in. */
export function noticeReply(mrkdwn: string, responseType: SlackReply["responseType"] = "ephemeral", replaceOriginal = false): SlackReply {
  return { responseType, text: mrkdwn, blocks: [section(mrkdwn)], ...(replaceOriginal ? { replaceOriginal } : {}) };
}

export const CONFIRM_ACTION = "oyster_confirm";
export const CANCEL_ACTION = "oyster_cancel";

/** The plan of a state-changing command with Confirm (behind Slack's own "are you sure") and Cancel, in `locale`. */
export function planReply(requester: string, commandLine: string, plan: Plan | undefined, pendingId: string, locale: Locale = "en"): SlackReply {
  const { t } = plainView(locale);
  const steps = plan?.steps.length ? plan.steps.map((s) => `• ${escapeMrkdwn(s)}`).join("\n") : "";
  const summary = plan?.summary ?? t("alerts.plan.run", { command: commandLine });
  const body = `${t("alerts.plan.askedFor", { requester, command: escapeMrkdwn(commandLine) })}\n*${escapeMrkdwn(summary)}*${steps ? `\n${steps}` : ""}`;
  return {
    responseType: "in_channel",
    text: escapeClipped(t("alerts.plan.text", { command: commandLine }), 300),
    blocks: [
      section(body.length > SECTION_TEXT_CUT ? `${body.slice(0, SECTION_TEXT_CUT)}\n${t("alerts.plan.cut")}` : body),
      {
        type: "actions",
        elements: [
          {
            type: "button", action_id: CONFIRM_ACTION, style: "primary", value: pendingId, text: { type: "plain_text", text: t("alerts.plan.confirm") },
            confirm: {
              title: { type: "plain_text", text: t("alerts.plan.confirmTitle") },
              text: { type: "mrkdwn", text: escapeClipped(`/oyster ${commandLine}`, 290) },
              confirm: { type: "plain_text", text: t("alerts.plan.run.button") },
              deny: { type: "plain_text", text: t("alerts.plan.back") },
            },
          },
          { type: "button", action_id: CANCEL_ACTION, value: pendingId, text: { type: "plain_text", text: t("alerts.plan.cancel") } },
        ],
      },
      { type: "context", elements: [{ type: "mrkdwn", text: t("alerts.plan.who") }] },
    ],
  };
}
