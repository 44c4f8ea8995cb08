import { toAlert } from "../alerts/alert-row.ts";
import { AlertTable } from "../alerts/alert-table.ts";
import type { AlertAction } from "../alerts/types.ts";
import { actionFingerprint, parseActionValue } from "./alert-action-buttons.ts";
import { SlackAlertMessages } from "./alert-message-store.ts";
import { ALERT_ACTION_BUTTONS_MAX } from "./render/limits.ts";
import { escapeClipped } from "./render/mrkdwn.ts";
import { noticeReply, type SlackReply } from "./render/messages.ts";
import { runCommandLine, type SlackDeps } from "./router.ts";

export interface AlertActionClick {
  /** The button's value: untrusted (anyone can post a block_actions payload with any value). */
  value: string;
  userId: string;
  channelId?: string;
  /** The message the button was on: an alert's action is only clicked from that alert's message. */
  messageTs?: string;
}

type Found = { action: AlertAction } | { refusal: string };

/**
 * The command line a click stands for, read from the stored alert, or why there is none. The
 * value only points (alert, index); everything it points at is checked: the alert exists, is
 * shown in the very message clicked, is not resolved, and has that action as the button showed it.
 */
function clickedAction(deps: SlackDeps, click: AlertActionClick): Found {
  const ref = parseActionValue(click.value);
  if (!ref) return { refusal: "That button names no action of an alert." };
  const row = new AlertTable(deps.store.db).get(ref.alertId);
  if (!row) return { refusal: `Alert ${ref.alertId} is unknown (pruned, or raised by another Oyster).` };
  const placed = new SlackAlertMessages(deps.store.db).get(ref.alertId);
  if (!placed || placed.channel !== click.channelId || placed.ts !== click.messageTs) {
    return { refusal: `That button is not on alert ${ref.alertId}'s message.` };
  }
  const alert = toAlert(row);
  if (alert.status === "resolved") return { refusal: `Alert ${alert.id} is resolved: its actions are gone.` };
  const action = ref.index < ALERT_ACTION_BUTTONS_MAX ? alert.actions?.[ref.index] : undefined;
  if (!action) return { refusal: `Alert ${alert.id} has no such action.` };
  // The actions are replaced on every raise: a button drawn before must not run what replaced it.
  if (actionFingerprint(action) !== ref.fingerprint) return { refusal: `That button is out of date: alert ${alert.id}'s actions changed since.` };
  return { action };
}

/**
 * A click on one of an alert's own buttons is `/oyster <argv>` typed by the clicker, from the
 * alert's channel: their role, the plan with Confirm/Cancel, the audit. No `--no-fix` is added for
 * a viewer: a viewer clicking an operator's action is refused like the typed command, and the
 * button stays. A click whose value does not lead to a live action is refused and audited too.
 */
export async function handleAlertActionClick(deps: SlackDeps, click: AlertActionClick): Promise<SlackReply> {
  const found = clickedAction(deps, click);
  if ("refusal" in found) {
    deps.store.audit.start({
      who: `slack:${click.userId}`, via: "slack", ...(click.channelId ? { channel: click.channelId } : {}),
      command: "alert-button", args: { value: click.value.slice(0, 100), refused: found.refusal }, decision: "refused",
    });
    return noticeReply(`:no_entry: ${escapeClipped(found.refusal, 300)}`);
  }
  const { action } = found;
  return runCommandLine(deps, { argv: action.argv, userId: click.userId, ...(click.channelId ? { channelId: click.channelId } : {}), ...(action.private ? { private: true } : {}) });
}
