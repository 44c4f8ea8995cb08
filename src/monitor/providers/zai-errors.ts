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

/**
 * Z.ai's codes per reference/providers.md: 1308 (5-hour), 1304 (daily) and 1310 (weekly or
 * monthly) are the limit reached, with the reset written in Beijing time; 1113 arrears and
 * 1309 plan expired are money; 1302/1303 concurrency and frequency are "retry later".
 */
export function zaiFailure(reply: HttpReply): Reading | null {
  const rejected = keyRejected(reply);
  if (rejected) return rejected;
  const err = zaiError(reply.json);
  if (!err) return reply.status >= 200 && reply.status < 300 ? null : httpFailure(reply);
  const detail = err.message || `code ${err.code}`;
  switch (err.code) {
    case 1304:
    case 1308:
    case 1310:
      return exhausted(detail, beijingTimeIn(err.message), reply.text);
    case 1113:
    case 1309:
      return failed("no_credit", detail, reply.text);
    case 1302:
    case 1303:
      return failed("rate_limited", detail, reply.text);
    default:
      return reply.status >= 200 && reply.status < 300 ? failed("http", `code ${err.code}: ${detail}`, reply.text) : httpFailure(reply, `code ${err.code}: ${detail}`);
  }
}
