import { REDACTED } from "../../secrets/index.ts";

/** What an unrecognised reading keeps of the raw text: enough to see its shape. */
export const RAW_KEEP = 1000;

/**
 * Text from an agent's files or an account endpoint, made safe to keep and show: an agent's
 * files can hold a login, so anything token-shaped goes before the text is cut: JWTs, `sk-...`
 * style keys, long base64/hex runs, email addresses, and the values of `*token*`, `user_id`,
 * `account_id`, `email` fields. Shapes, not known values: these secrets were never configured.
 */
export function scrubReading(text: string, keep = RAW_KEEP): string {
  const out = text
    .replace(/("(?:[a-z_]*token[a-z_]*|user_id|account_id|accountId|userId|email|session_id|sessionId)"\s*:\s*)"[^"]*"/gi, `$1"${REDACTED}"`)
    .replace(/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED)
    .replace(/\b(?:sk|rk|pk)-[A-Za-z0-9_-]{12,}/g, REDACTED)
    .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, REDACTED)
    .replace(/\b[A-Za-z0-9+_-]{32,}={0,2}/g, REDACTED);
  return out.length > keep ? `${out.slice(0, keep)}...` : out;
}
