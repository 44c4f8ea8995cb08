import type { Role } from "../command/types.ts";
import type { Config } from "../config/index.ts";
import { OysterError } from "../errors.ts";

/**
 * A Slack user's role: admins and operators by user ID from `roles`; everyone else is a viewer,
 * and only in `slack.allowedChannels` when that list is set.
 */
export function slackRole(config: Config, userId: string, channelId: string | undefined): Role {
  const { admins, operators } = config.oyster.roles;
  if (admins.includes(userId)) return "admin";
  if (operators.includes(userId)) return "operator";
  const allowed = config.oyster.slack.allowedChannels;
  if (allowed && allowed.length > 0 && !(channelId && allowed.includes(channelId))) {
    throw new OysterError("Unauthorized", `Oyster answers viewers only in ${allowed.map((c) => `<#${c}>`).join(", ")}`, { channel: channelId });
  }
  return "viewer";
}
