import { webApi } from "@slack/bolt";
import { ChannelRefusal } from "../notify/delivery-error.ts";

/**
 * Slack's answers that mean the bot token itself is no good: every further call would fail the
 * same way until a person puts a new token in place (and restarts Oyster, which reads it at start).
 */
const TOKEN_REFUSED = new Set(["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "team_disabled"]);

/** Answers about the channel that a person can fix while Oyster runs (invite the bot, fix the id). */
const CHANNEL_REFUSED = new Set(["channel_not_found", "not_in_channel", "is_archived"]);

/**
 * A Retry-After up to this is waited out in place (at most RATE_LIMIT_WAITS times per delivery):
 * a short burst over Slack's one-message-a-second limit should not send alerts by email. A longer
 * one goes back to the outbox, which does not call Slack again before it has passed.
 */
export const RATE_LIMIT_WAIT_MS = 10_000;
export const RATE_LIMIT_WAITS = 2;

/** Seconds Slack asked to wait, when `err` is its 429 (the client hands 429s back, see web-client.ts). */
export function rateLimitedFor(err: unknown): number | undefined {
  return err instanceof webApi.WebAPIRateLimitedError ? err.retryAfter : undefined;
}

/** The 429 once it is not waited out here any longer: the outbox holds Slack for that long. */
export function rateLimitRefusal(retryAfterS: number): ChannelRefusal {
  return new ChannelRefusal(`Slack answered 429 (rate limited), Retry-After ${retryAfterS} s`, { code: "ratelimited", retryAfterMs: retryAfterS * 1000 });
}

/**
 * Slack's `ok:false` answers that concern every item, as a ChannelRefusal; anything else as it
 * came. `channel` is where the message was going, for the person who has to fix it.
 */
export function slackRefusal(err: unknown, channel: string | undefined): unknown {
  if (!(err instanceof webApi.WebAPIPlatformError)) return err;
  const code = err.data.error;
  if (TOKEN_REFUSED.has(code)) {
    return new ChannelRefusal(`Slack refused the bot token (${code})`, {
      code,
      stopChannel: true,
      action:
        `Slack answers ${code} to the bot token (SLACK_BOT_TOKEN): it was revoked, expired or mistyped, or the app was ` +
        "uninstalled. Oyster no longer calls Slack; alerts go by email only. Put a valid bot token in place (reinstall the " +
        "app if needed) and restart Oyster: what waited for Slack is then delivered there, with a summary of what went by email.",
    });
  }
  if (CHANNEL_REFUSED.has(code)) {
    const where = channel ?? "the configured channel";
    return new ChannelRefusal(`Slack refused channel ${where} (${code})`, {
      code,
      ...(channel ? { scope: channel } : {}),
      action:
        code === "not_in_channel"
          ? `The bot is not a member of Slack channel ${where}: invite it there (/invite @<bot name>). Until then alerts go by email.`
          : `Slack does not know channel ${where} (${code}): check slack.alertChannel / slack.reportChannel in oyster.json (a channel id such as C0123ABCD) and that the channel still exists. Until then alerts go by email.`,
    });
  }
  return err;
}
