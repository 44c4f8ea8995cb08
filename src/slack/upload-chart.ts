import type { webApi } from "@slack/bolt";
import type { CommandFile } from "../command/types.ts";
import type { Logger } from "../log.ts";
import { codeBlock, escapeMrkdwn } from "./render/mrkdwn.ts";
import type { ReplyFiles, SlackReply } from "./render/messages.ts";
import { SECTION_TEXT_CUT } from "./render/limits.ts";

export type FileUploader = Pick<webApi.WebClient, "filesUploadV2">;

/**
 * One file to a channel with `filesUploadV2`: files.getUploadURLExternal, the bytes to the URL it
 * hands out, files.completeUploadExternal (files.upload is retired).
 */
export async function uploadChart(client: FileUploader, channelId: string, file: CommandFile): Promise<void> {
  await client.filesUploadV2({ channel_id: channelId, file: file.content, filename: file.filename, title: file.title, ...(file.altText ? { alt_text: file.altText } : {}) });
}

/** Slack's own error code when it gave one (`not_in_channel`), else the message. */
function reason(err: unknown): string {
  const code = (err as { data?: { error?: unknown } }).data?.error;
  return typeof code === "string" ? code : err instanceof Error ? err.message : String(err);
}

/** What the asker sees instead of the chart: why, and the same result as text. */
export function fallbackReply(files: ReplyFiles, why: string): SlackReply {
  const note = `:warning: The chart could not be posted (${escapeMrkdwn(why)}); here it is as text. (Is the bot in this channel, with the \`files:write\` scope?)`;
  return {
    responseType: "ephemeral",
    text: `The chart could not be posted: ${escapeMrkdwn(why)}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: note.slice(0, SECTION_TEXT_CUT) } },
      { type: "section", text: { type: "mrkdwn", text: codeBlock(files.fallback, "output cut: run `oyster quota history` on the controller for all of it") } },
    ],
  };
}

/**
 * After the reply: make the files and upload them to the channel; when either fails, answer the
 * asker with the text instead (a chart is a nicety, the numbers are not).
 */
export async function shareReplyFiles(deps: { client: FileUploader; channelId: string; files: ReplyFiles; respond: (r: SlackReply) => Promise<unknown>; log: Logger }): Promise<void> {
  try {
    for (const file of await deps.files.make()) await uploadChart(deps.client, deps.channelId, file);
  } catch (err) {
    deps.log.warn({ err, channel: deps.channelId }, "chart upload failed; answered with text");
    await deps.respond(fallbackReply(deps.files, reason(err)));
  }
}
