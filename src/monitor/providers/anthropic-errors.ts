import { anthropicWindows, exhaustedWindowReset } from "./anthropic-windows.ts";
import { httpFailure, keyRejected, unrecognised, type HttpReply } from "./http.ts";
import { exhausted, failed, num, record, type Reading } from "./reading.ts";

/** `{"type":"error","error":{"type","message"}}`, Anthropic's error body. */
function anthropicError(json: unknown): { type: string; message: string } | null {
  const err = record(record(json)?.error);
  return err && typeof err.type === "string" ? { type: err.type, message: typeof err.message === "string" ? err.message : "" } : null;
}

/**
 * A non-2xx answer to the probe, read the way reference/providers.md describes: 429
 * rate_limit_error is exhaustion until `retry-after` (without one, until the reset of the window
 * that ran out, from the same reply's headers), the credit-balance 400 is money, 529 is
 * Anthropic being overloaded (an HTTP error, not the account's fault).
 */
export function anthropicFailure(reply: HttpReply, now: Date): Reading {
  const rejected = keyRejected(reply);
  if (rejected) return rejected;
  const err = anthropicError(reply.json);
  if (reply.status === 429 && err?.type === "rate_limit_error") {
    const after = num(reply.headers.get("retry-after"));
    const resetsAt = after !== null ? new Date(now.getTime() + after * 1000).toISOString() : exhaustedWindowReset(anthropicWindows(reply.headers));
    return exhausted(err.message || "rate limit reached", resetsAt, reply.text);
  }
  if (reply.status === 400 && /credit balance is too low/i.test(err?.message ?? "")) return failed("no_credit", err!.message, reply.text);
  if (err) return httpFailure(reply, err.type === "overloaded_error" ? `overloaded: ${err.message}` : err.message);
  return reply.json === undefined && reply.status < 500 ? unrecognised(reply) : httpFailure(reply);
}
