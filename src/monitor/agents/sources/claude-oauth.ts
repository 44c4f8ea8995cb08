import { num, record } from "../../providers/reading.ts";
import { scrubReading } from "../scrub-reading.ts";
import { usageWindows } from "./claude-usage-windows.ts";
import { rawOf, type ParseContext, type Parsed } from "./parsed.ts";

/** After a 429 the node calls again no sooner than this, whatever Retry-After says (often 0). */
export const MIN_BACKOFF_SECONDS = 300;
/** A Retry-After beyond a day is taken as a day: a typo on their side must not silence an account for good. */
const MAX_BACKOFF_SECONDS = 86_400;

const relogin = (node: string) => `run \`claude\` on ${node} and /login`;

/** What the node's reader found instead of a login it could use (no request was sent). */
function loginProblem(login: string, path: string, node: string): Parsed {
  switch (login) {
    case "missing":
      return { problem: "no_reading", detail: `no Claude Code login on ${node} (${path}): ${relogin(node)}` };
    case "no_token":
      return { problem: "no_reading", detail: `no Claude Code subscription login on ${node} (${path} has no claudeAiOauth.accessToken): ${relogin(node)}` };
    case "malformed":
      return { problem: "key_rejected", detail: `log in again on ${node}: the token in ${path} is malformed; ${relogin(node)}` };
    default:
      return { problem: "no_reading", detail: `cannot read Claude Code's login on ${node} (${path}: not JSON, or not readable by the node user)` };
  }
}

/** The error code or type an error body names (`token_expired`, `permission_error`), short and scrubbed. */
function errorCode(body: unknown): string {
  const err = record(record(body)?.error);
  const code = [record(err?.details)?.error_code, err?.error_code, err?.type].find((v) => typeof v === "string" && v);
  return code ? ` ${scrubReading(String(code), 60)}` : "";
}

function errorMessage(body: unknown): string {
  const m = record(record(body)?.error)?.message ?? (typeof body === "string" ? body : undefined);
  return typeof m === "string" && m.trim() ? `: ${scrubReading(m.trim(), 200)}` : "";
}

/** Retry-After in seconds (a number or an HTTP date), held between MIN_ and MAX_BACKOFF_SECONDS. */
export function backoffSeconds(retryAfter: unknown, nowMs = Date.now()): number {
  let s = num(retryAfter);
  if (s === null && typeof retryAfter === "string") {
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) s = Math.ceil((at - nowMs) / 1000);
  }
  return Math.min(MAX_BACKOFF_SECONDS, Math.max(MIN_BACKOFF_SECONDS, s ?? 0));
}

/**
 * What the node's reader got from `GET /api/oauth/usage` (or why it sent nothing): windows on a
 * 200; a rejected login (401, 403) as a key problem, so the account's key alert says where to log
 * in again; a 429 as rate-limited with the backoff the node must keep.
 */
export function parseClaudeOauth(data: unknown, ctx: ParseContext): Parsed {
  const d = record(data);
  const node = ctx.node;
  if (d && typeof d.login === "string") return loginProblem(d.login, String(d.path ?? ""), node);
  const status = num(d?.status);
  if (!d || status === null) return { unrecognised: rawOf(data), why: "not a usage endpoint answer" };
  const body = d.body;
  if (status === 200) return usageWindows(body);
  if (status === 401) {
    return { problem: "key_rejected", detail: `log in again on ${node}: the usage endpoint refused Claude Code's login there (401${errorCode(body)}); ${relogin(node)}` };
  }
  if (status === 403) {
    return {
      problem: "key_rejected",
      detail: `re-login needed on ${node} (403${errorCode(body)}): the token lacks the user:profile scope (a \`claude setup-token\` token cannot read usage); ${relogin(node)}`,
    };
  }
  if (status === 429) {
    const wait = backoffSeconds(d.retryAfter);
    const said = d.retryAfter === null || d.retryAfter === undefined ? "" : `, retry-after ${scrubReading(String(d.retryAfter), 40)}`;
    return { problem: "rate_limited", detail: `the usage endpoint rate-limited ${node} (429${said}); no call from there for ${Math.round(wait / 60)} min`, backoffSeconds: wait };
  }
  if (status >= 300 && status < 400) {
    return { problem: "http", detail: `the usage endpoint redirected ${node} (${status}); not followed: a redirect could carry the token elsewhere` };
  }
  return { problem: "http", detail: `the usage endpoint answered ${status} on ${node}${errorMessage(body)}` };
}
