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
