import { httpFailure, keyRejected, unrecognised, type HttpReply } from "./http.ts";
import { exhausted, failed, num, record, type Reading } from "./reading.ts";

const MONEY = new Set(["insufficient_quota", "credit_balance_exhausted"]);

/**
 * A non-2xx answer, per reference/providers.md: `rate_limit_exceeded` is "retry later",
 * `insufficient_quota` / `credit_balance_exhausted` is money (do not retry), and the Codex
 * plan's `usage_limit_reached` is exhaustion until `resets_in_seconds`.
 */
export function openaiFailure(reply: HttpReply, now: Date): Reading {
  const rejected = keyRejected(reply);
  if (rejected) return rejected;
  const err = record(record(reply.json)?.error);
  if (!err) return reply.json === undefined && reply.status < 500 ? unrecognised(reply) : httpFailure(reply);
  const codes = [err.code, err.type].filter((c): c is string => typeof c === "string");
  const message = typeof err.message === "string" && err.message ? err.message : codes[0] ?? "";
  if (codes.includes("usage_limit_reached")) {
    const after = num(err.resets_in_seconds);
    const resetsAt = after !== null ? new Date(now.getTime() + after * 1000).toISOString() : null;
    return exhausted(message || "usage limit reached", resetsAt, reply.text);
  }
  if (codes.some((c) => MONEY.has(c))) return failed("no_credit", message, reply.text);
  if (reply.status === 429 && codes.includes("rate_limit_exceeded")) return failed("rate_limited", message, reply.text);
  return httpFailure(reply, message);
}
