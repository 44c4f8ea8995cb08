import { findCommand } from "../command/invoke.ts";
import { parseWords, validateArgs } from "../command/parse-args.ts";
import type { AnyCommand } from "../command/types.ts";
import type { Config } from "../config/index.ts";
import { toOysterError } from "../errors.ts";
import { slackRole } from "./authz.ts";
import type { PendingConfirmation } from "./confirmations.ts";
import { who } from "./render/alert-format.ts";
import { errorReply, noticeReply, type SlackReply } from "./render/messages.ts";

export interface DecisionClick {
  action: "confirm" | "cancel";
  userId: string;
  channelId?: string;
}

/**
 * Why this click may not decide the plan, as the clicker's private answer; undefined when it may.
 * Only the requester or an admin decides, and only where they may use Oyster at all (a viewer
 * outside `slack.allowedChannels` has no role). Never throws: a refused click must leave the plan
 * and its buttons as they were.
 */
export function decisionRefusal(config: Config, click: DecisionClick, pending: PendingConfirmation): SlackReply | undefined {
  try {
    const role = slackRole(config, click.userId, click.channelId);
    if (click.userId === pending.requester || role === "admin") return undefined;
    return noticeReply(`Only ${who(`slack:${pending.requester}`)} or an admin can ${click.action} this.`);
  } catch (err) {
    return errorReply(toOysterError(err));
  }
}

/**
 * A plan's arguments as the command layer records them, for an audit row written outside it;
 * the words as given when they no longer parse (the registry changed since the plan was posted).
 */
export function plannedArgs(commands: readonly AnyCommand[], pending: Pick<PendingConfirmation, "command" | "words">): Record<string, unknown> {
  try {
    const cmd = findCommand(commands, pending.command);
    return (validateArgs(cmd, parseWords(cmd, pending.words)) ?? {}) as Record<string, unknown>;
  } catch {
    return { words: pending.words };
  }
}
