import { scrub } from "../secrets/scrub.ts";

const ERROR_CHARS = 300;

/**
 * Why a channel refused, short and free of secrets, for state.db's `last_error` and the log.
 * Socket errors carry their code apart from the message (ECONNREFUSED, ETIMEDOUT), so it is added.
 */
export function describeDeliveryError(err: unknown, secrets: readonly string[] = []): string {
  const e = err as { message?: unknown; code?: unknown } | null | undefined;
  const message = typeof e?.message === "string" && e.message ? e.message : String(err);
  const code = typeof e?.code === "string" && !message.includes(e.code) ? ` (${e.code})` : "";
  const text = scrub(`${message}${code}`.replace(/\s+/g, " ").trim(), secrets);
  return text.length > ERROR_CHARS ? `${text.slice(0, ERROR_CHARS - 1)}…` : text;
}

/** What a channel's refusal says about the channel itself, beyond this one message. */
export interface ChannelRefusalInfo {
  /** The channel's own code, as it said it: `invalid_auth`, `not_in_channel`, `ratelimited`. */
  code: string;
  /**
   * Only a person can make the channel work again (a revoked or mistyped token; a restart picks
   * up a new one): this process does not call it again, and every item goes by the others.
   */
  stopChannel?: boolean;
  /** Do not call the channel again for this long (Slack's Retry-After). */
  retryAfterMs?: number;
  /** What a person has to do: sent once a day per channel, code and scope by the other channels. */
  action?: string;
  /** What the refusal is about within the channel (a Slack channel id), when not the whole channel. */
  scope?: string;
}

/**
 * A channel refused in a way that concerns every item, not just this one (the Slack token is
 * dead, the bot is not in the alert channel, Slack asks to slow down). The deliverer reads the
 * fields, never the message: it stops calling the channel, waits the time asked, or tells a
 * person by another channel.
 */
export class ChannelRefusal extends Error {
  constructor(message: string, readonly info: ChannelRefusalInfo) {
    super(message);
    this.name = "ChannelRefusal";
  }
}
