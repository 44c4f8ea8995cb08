import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { handleAlertClick } from "../../alert-click.ts";
import { ALERT_BUTTONS, type AlertActionId } from "../../alert-message.ts";
import { AlertPoster } from "../../alert-poster.ts";
import { escapeClipped } from "../../render/alert-format.ts";
import type { SlackDeps } from "../../router.ts";
import { toResponse } from "../commands/oyster.ts";
import { plainView } from "../../../render/view.ts";

/**
 * Acknowledge / Snooze 1h / Snooze 24h on an alert message: ack at once (Slack wants it within
 * 3 s), run the command as the clicker, then edit the alert's message so everyone sees who took
 * it. A refusal or an error is shown to the clicker alone.
 */
export function registerAlertButtons(app: App, deps: SlackDeps): void {
  for (const actionId of Object.keys(ALERT_BUTTONS) as AlertActionId[]) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, respond, client }) => {
      await ack();
      const outcome = await handleAlertClick(deps, { actionId, alertId: action.value ?? "", userId: body.user.id, ...(body.channel?.id ? { channelId: body.channel.id } : {}) });
      try {
        if (!outcome.ok) {
          await respond({ ...toResponse(outcome.reply), response_type: "ephemeral", replace_original: false });
          return;
        }
        // The click went through (and is audited) even if Slack now fails: the next event edits again.
        const placed = await new AlertPoster(client, deps.store.db, { now: deps.now, view: plainView(deps.config.oyster.locale) }).refresh(outcome.alert);
        if (!placed) await respond({ response_type: "ephemeral", replace_original: false, text: escapeClipped(outcome.text, 3000) });
      } catch (err) {
        deps.log.error({ err, alert: outcome.ok ? outcome.alert.id : undefined }, "slack alert button: answer failed");
      }
    });
  }
}
