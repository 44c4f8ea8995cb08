import { beijingTimeIn } from "./beijing-time.ts";
import { httpFailure, keyRejected, type HttpReply } from "./http.ts";
import { exhausted, failed, num, record, type Reading } from "./reading.ts";

/** Z.ai's error as `{"error":{"code","message"}}` or, inside an HTTP 200, `{"code","msg","success":false}`. */
export function zaiError(json: unknown): { code: number; message: string } | null {
  const body = record(json);
  const err = record(body?.error) ?? (body?.success === false ? body : null);
  const code = num(err?.code);
  if (!err || code === null) return null;
  const message = [err.message, err.msg].find((m): m is string => typeof m === "string") ?? "";
  return { code, message };
}

/** The limits docs.z.ai lists with "your limit will reset at <time>": 1304 daily, 1308 N-hour, 1310 weekly/monthly. */
const LIMIT_CODES = new Set([1304, 1308, 1310]);
/**
 * The same wording under a code not listed above (Z.ai adds limits with new codes): a limit
 * reached, and when it resets, in English or Chinese ("已达到…上限…将在…重置").
 */
const LIMIT_WORDING = /(limit|上限|限额).*(reset|重置)/is;
/** A valid key without a GLM Coding Plan: code 500 inside an HTTP 200, "当前用户不存在coding plan". */
const NO_PLAN_WORDING = /不存在\s*coding\s*plan|\b(no|without)\s+(active\s+)?coding\s*plan|coding\s*plan\s*(不存在|not found|does not exist)/i;

/** Z.ai's own message, and after it what it means for someone who does not read Chinese. */
const explained = (meaning: string, message: string) => (message ? `${meaning} (${message})` : meaning);

/**
 * Z.ai's codes per reference/providers.md and docs.z.ai's table: the limits (1304, 1308, 1310,
 * and any 13xx saying "reset at <time>") are exhaustion until that Beijing time; a key with no
 * coding plan (or 1309, the plan expired) has nothing to meter; 1113 arrears is money; 1302,
 * 1303 (concurrency, frequency) and 1313 (fair-use throttling) are "retry later".
 */
export function zaiFailure(reply: HttpReply): Reading | null {
  const rejected = keyRejected(reply);
  if (rejected) return rejected;
  const err = zaiError(reply.json);
  if (!err) return reply.status >= 200 && reply.status < 300 ? null : httpFailure(reply);
  const detail = err.message || `code ${err.code}`;
  const resetsAt = beijingTimeIn(err.message);
  if (LIMIT_CODES.has(err.code) || (err.code >= 1300 && err.code < 1400 && resetsAt !== null && LIMIT_WORDING.test(err.message))) {
    return exhausted(detail, resetsAt, reply.text);
  }
  if (NO_PLAN_WORDING.test(err.message)) return failed("no_plan", explained("no coding plan on this key", err.message), reply.text);
  switch (err.code) {
    case 1309:
      return failed("no_plan", explained("coding plan expired", err.message), reply.text);
    case 1113:
      return failed("no_credit", detail, reply.text);
    case 1302:
    case 1303:
    case 1313:
      return failed("rate_limited", detail, reply.text);
    default:
      return reply.status >= 200 && reply.status < 300 ? failed("http", `code ${err.code}: ${detail}`, reply.text) : httpFailure(reply, `code ${err.code}: ${detail}`);
  }
}
