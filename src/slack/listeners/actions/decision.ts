import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { CANCEL_ACTION, CONFIRM_ACTION } from "../../render/messages.ts";
import { handleDecision, type SlackDeps } from "../../router.ts";
import { toResponse } from "../commands/oyster.ts";

/** Confirm and Cancel on a plan: ack at once, decide, then answer (replacing the plan when decided). */
export function registerDecisionActions(app: App, deps: SlackDeps): void {
  for (const [actionId, action] of [[CONFIRM_ACTION, "confirm"], [CANCEL_ACTION, "cancel"]] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action: button, respond }) => {
      await ack();
      const reply = await handleDecision(deps, { action, pendingId: button.value ?? "", userId: body.user.id, ...(body.channel?.id ? { channelId: body.channel.id } : {}) });
      try {
        await respond(reply.replaceOriginal ? toResponse(reply) : { ...toResponse(reply), response_type: "ephemeral", replace_original: false });
      } catch (err) {
        deps.log.error({ err }, "slack respond failed");
      }
    });
  }
}
