import type { App, RespondArguments } from "@slack/bolt";
import type { SlackReply } from "../../render/messages.ts";
import { escapeClipped } from "../../render/mrkdwn.ts";
import { handleSlash, type SlackDeps } from "../../router.ts";
import { unescapeSlack } from "../../tokenize.ts";
import { shareReplyFiles } from "../../upload-chart.ts";

/** Slack shows an error when the ack takes 3 s; a quick answer goes in the ack itself. */
const ANSWER_IN_ACK_MS = 2000;

export function toResponse(reply: SlackReply): RespondArguments {
  return {
    response_type: reply.responseType,
    text: reply.text,
    blocks: reply.blocks,
    ...(reply.replaceOriginal ? { replace_original: true } : {}),
  } as RespondArguments;
}

export function registerOysterCommand(app: App, deps: SlackDeps): void {
  app.command("/oyster", async ({ command, ack, respond, client }) => {
    const work = handleSlash(deps, { text: command.text, userId: command.user_id, channelId: command.channel_id });
    let timer: NodeJS.Timeout | undefined;
    const quick = await Promise.race([work, new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ANSWER_IN_ACK_MS)))]);
    clearTimeout(timer);
    let reply: SlackReply;
    if (quick) {
      await ack(toResponse(quick) as Parameters<typeof ack>[0]);
      reply = quick;
    } else {
      // Echoed as the user typed it: unescaped once (Slack escapes command text), escaped once.
      await ack({ response_type: "ephemeral", text: `working on \`/oyster ${escapeClipped(unescapeSlack(command.text), 200)}\`...` });
      reply = await work;
      try {
        await respond(toResponse(reply));
      } catch (err) {
        deps.log.error({ err }, "slack respond failed");
      }
    }
    if (reply.files) {
      const answer = (r: SlackReply) => respond(toResponse(r)).catch((err: unknown) => deps.log.error({ err }, "slack respond failed"));
      await shareReplyFiles({ client, channelId: command.channel_id, files: reply.files, respond: answer, log: deps.log });
    }
  });
}
