import { failed, exhausted, num, record, type Reading } from "./reading.ts";

const RFC3339_IN_TEXT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/;

/** `base_resp` at the top level or under `data`. */
function baseResp(json: unknown): { code: number; message: string } | null {
  const body = record(json);
  const resp = record(body?.base_resp) ?? record(record(body?.data)?.base_resp);
  const code = num(resp?.status_code);
  if (!resp || code === null) return null;
  return { code, message: typeof resp.status_msg === "string" ? resp.status_msg : "" };
}

function resetIn(message: string): string | null {
  const m = RFC3339_IN_TEXT.exec(message);
  const ms = m ? Date.parse(m[0]) : Number.NaN;
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * MiniMax's keys are regional: a key from the China platform is "invalid" on api.minimax.io and
 * the other way round, which is the usual cause of a 2049 on a key that works elsewhere.
 */
const REGION_HINT = "a China-platform key needs baseUrl https://api.minimaxi.com";

/**
 * A non-zero `base_resp.status_code`, which MiniMax can send with HTTP 200: 2056 is the usage
 * limit reached (its message may say when it resets), 1004 and 2049 ("invalid api key") are the
 * key refused, 1008 insufficient balance, 1002 rate limit. Null when the body reports success
 * (code 0) or has no `base_resp`.
 */
export function minimaxFailure(json: unknown, raw: string): Reading | null {
  const resp = baseResp(json);
  if (!resp || resp.code === 0) return null;
  const detail = resp.message || `code ${resp.code}`;
  switch (resp.code) {
    case 2056:
      return exhausted(detail, resetIn(resp.message), raw);
    case 1004:
      return failed("key_rejected", `key rejected (${resp.code}${resp.message ? ` ${resp.message}` : ""})`, raw);
    case 2049:
      return failed("key_rejected", `key rejected (2049 ${resp.message || "invalid api key"}; ${REGION_HINT})`, raw);
    case 1008:
      return failed("no_credit", detail, raw);
    case 1002:
      return failed("rate_limited", detail, raw);
    default:
      return failed("http", `code ${resp.code}: ${detail}`, raw);
  }
}
