import { ALERT_ID_RE } from "../alerts/alert-id.ts";
import type { Alert } from "../alerts/types.ts";
import { execute, prepare } from "../command/invoke.ts";
import type { Role } from "../command/types.ts";
import { OysterError, toOysterError } from "../errors.ts";
import { ALERT_BUTTONS, type AlertActionId } from "./alert-message.ts";
import { slackRole } from "./authz.ts";
import { errorReply, type SlackReply } from "./render/messages.ts";
import { plainView } from "../render/view.ts";
import { slackContext, type SlackDeps } from "./router.ts";
import { auditSlackDenied } from "./slack-audit.ts";

export interface AlertClick {
  actionId: AlertActionId;
  /** The button's value: untrusted, so it goes through the command's own id check. */
  alertId: string;
  userId: string;
  channelId?: string;
}

export type AlertClickOutcome =
  | { ok: true; alert: Alert; command: string; text: string }
  | { ok: false; reply: SlackReply };

/**
 * A click on Acknowledge or Snooze is `/oyster ack <id>` or `/oyster snooze <id> 1h` typed by the
 * clicker: the same registry, role check and audit row, so a button can do nothing the command
 * could not. A viewer's click is refused (naming the role) and audited as denied.
 */
export async function handleAlertClick(deps: SlackDeps, click: AlertClick): Promise<AlertClickOutcome> {
  const button = ALERT_BUTTONS[click.actionId];
  // Our buttons carry an alert id; anything else (say "--reason") must not reach the flag parser.
  if (!ALERT_ID_RE.test(click.alertId)) return { ok: false, reply: errorReply(new OysterError("InvalidArgument", "that button names no alert")) };
  const words = [click.alertId, ...button.words];
  let role: Role;
  try {
    role = slackRole(deps.config, click.userId, click.channelId);
  } catch (err) {
    // Outside slack.allowedChannels a viewer has no role at all; the click is still on record.
    auditSlackDenied(deps.store, { userId: click.userId, channelId: click.channelId, command: button.command, args: { words } });
    return { ok: false, reply: errorReply(toOysterError(err)) };
  }
  try {
    const ctx = slackContext(deps, click.userId, click.channelId, role, button.command);
    const prepared = await prepare(ctx, button.command, words);
    // ack and snooze never ask first; should that change, a click must not skip the question.
    if (prepared.confirm) throw new OysterError("UsageError", `${button.command} asks for confirmation: use /oyster ${button.command} ${words.join(" ")}`);
    const result = await execute(ctx, prepared);
    const alert = (result.data as { alert?: Alert }).alert;
    if (!alert) throw new OysterError("Internal", `${button.command} returned no alert`);
    return { ok: true, alert, command: button.command, text: prepared.cmd.text(result.data, plainView(deps.config.oyster.locale), prepared.args) };
  } catch (err) {
    return { ok: false, reply: errorReply(toOysterError(err)) };
  }
}
