import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { translator } from "../../../locale/index.ts";
import { slackProgress } from "../../../progress/slack-progress.ts";
import { CANCEL_ACTION, CONFIRM_ACTION } from "../../render/messages.ts";
import { handleDecision, type SlackDeps } from "../../router.ts";
import { toResponse } from "../commands/oyster.ts";

/** Confirm and Cancel on a plan: ack at once, decide, then answer (replacing the plan when decided). */
export function registerDecisionActions(app: App, deps: SlackDeps): void {
  for (const [actionId, action] of [[CONFIRM_ACTION, "confirm"], [CANCEL_ACTION, "cancel"]] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action: button, respond }) => {
      await ack();
      // A confirmed run's long work (sync, install-daemon, a roll) shows how far it is in place of
      // the plan, which its answer then replaces (within Slack's 5 uses of a response_url).
      const progress = slackProgress({ t: translator(deps.config.oyster.locale), log: deps.log, post: (text) => respond({ response_type: "in_channel", replace_original: true, text }) });
      progress.arm();
      const reply = await handleDecision(action === "confirm" ? { ...deps, progress } : deps, { action, pendingId: button.value ?? "", userId: body.user.id, ...(body.channel?.id ? { channelId: body.channel.id } : {}) });
      await progress.close();
      try {
        await respond(reply.replaceOriginal ? toResponse(reply) : { ...toResponse(reply), response_type: "ephemeral", replace_original: false });
      } catch (err) {
        deps.log.error({ err }, "slack respond failed");
      }
    });
  }
}
