import type { App, RespondArguments } from "@slack/bolt";
import { translator } from "../../../locale/index.ts";
import { slackProgress } from "../../../progress/slack-progress.ts";
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
    const t = translator(deps.config.oyster.locale);
    // Echoed as the user typed it: unescaped once (Slack escapes command text), escaped once.
    const working = t("progress.slack.working", { command: `/oyster ${escapeClipped(unescapeSlack(command.text), 200)}` });
    // Long work (sync, install-daemon, backup, a roll) updates the "working on" reply in place as
    // nodes finish, within Slack's 5 uses of a response_url: progress takes at most 3 of them.
    const progress = slackProgress({ t, head: working, log: deps.log, post: (text) => respond({ response_type: "ephemeral", replace_original: true, text }) });
    const work = handleSlash({ ...deps, progress }, { text: command.text, userId: command.user_id, channelId: command.channel_id });
    let timer: NodeJS.Timeout | undefined;
    const quick = await Promise.race([work, new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ANSWER_IN_ACK_MS)))]);
    clearTimeout(timer);
    let reply: SlackReply;
    if (quick) {
      await progress.close();
      await ack(toResponse(quick) as Parameters<typeof ack>[0]);
      reply = quick;
    } else {
      await ack({ response_type: "ephemeral", text: working });
      progress.arm();
      reply = await work;
      // The last update is posted before the answer, so the answer is never overtaken by it.
      await progress.close();
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
