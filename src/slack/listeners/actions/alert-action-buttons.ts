import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { handleAlertActionClick } from "../../alert-action-click.ts";
import { ALERT_RUN_ACTION_RE } from "../../alert-action-buttons.ts";
import type { SlackDeps } from "../../router.ts";
import { toResponse } from "../commands/oyster.ts";

/**
 * An alert's own buttons (Restart <unit>, Re-arm fixes, Show journal): ack at once, then answer
 * as `/oyster` would have. The answer is a new message (a plan, a result) or the clicker's alone;
 * never a replacement: the alert message and its buttons stay as they are.
 */
export function registerAlertActionButtons(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ALERT_RUN_ACTION_RE, async ({ ack, body, action, respond }) => {
    await ack();
    const messageTs = body.message?.ts ?? (body.container as { message_ts?: string } | undefined)?.message_ts;
    const reply = await handleAlertActionClick(deps, {
      value: action.value ?? "",
      userId: body.user.id,
      ...(body.channel?.id ? { channelId: body.channel.id } : {}),
      ...(messageTs ? { messageTs } : {}),
    });
    try {
      await respond({ ...toResponse(reply), replace_original: false });
    } catch (err) {
      deps.log.error({ err }, "slack alert action: answer failed");
    }
  });
}
