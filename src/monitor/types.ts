/**
 * The monitor's normalised view of a provider's quota, per reference/providers.md: provider,
 * account (its label), window (name and length), used, limit, used %, resets_at (absolute, UTC),
 * status, and the raw source. Every provider adapter returns these; everything else (samples,
 * alerts, burn rate, pausing, `quota`) reads only these.
 */
export const PROVIDERS = ["anthropic", "openai", "zai", "minimax"] as const;
export type ProviderName = (typeof PROVIDERS)[number];
export type { AgentProvider } from "../config/schemas/monitor-agents.ts";
import type { AgentProvider } from "../config/schemas/monitor-agents.ts";
/** Who a window belongs to: an API provider, or a coding agent's subscription plan read on the nodes. */
export type QuotaProvider = ProviderName | AgentProvider;

/**
 * ok: room left. low: used % at or over the first threshold (`monitor.thresholds[0]`).
 * exhausted: nothing left until the reset (remaining 0, used % >= 100, or the provider said so).
 * error: no usable number (key rejected, timeout, HTTP error, unrecognised response).
 */
export type QuotaStatus = "ok" | "low" | "exhausted" | "error";

/** Why a check gave no number, when it gave none. */
export type QuotaErrorKind =
  | "key_rejected" // 401/403, or the provider's auth error code
  | "no_credit" // money: Anthropic's credit-balance 400, OpenAI insufficient_quota, MiniMax 1008, Z.ai 1113
  | "no_plan" // the key works but has no plan to meter (Z.ai "no coding plan", 1309 plan expired)
  | "rate_limited" // a 429 that is not exhaustion of the window itself (retry later)
  | "timeout" // no answer within monitor.timeoutMs
  | "http" // any other HTTP failure or network error
  | "unrecognised" // a body whose shape the adapter does not know: raw kept
  | "no_reading" // an agent plan with nothing to read yet on its nodes (no session, no feed file)
  | "node"; // an agent plan's node could not be read (SSH, or the node-side reader failed)

export interface QuotaWindow {
  provider: QuotaProvider;
  /** The account's `label` from oyster.json. */
  account: string;
  /** The window's name as the provider means it: "requests", "tokens", "5h tokens", "weekly", "MiniMax-M2"... */
  window: string;
  /** Its length in seconds when the provider says (Z.ai's unit+number, MiniMax's interval), else null. */
  windowSeconds: number | null;
  used: number | null;
  limit: number | null;
  remaining: number | null;
  /** 0-100 (may exceed 100 when the provider overshoots); null when unknown. */
  usedPct: number | null;
  /** ISO 8601 UTC. */
  resetsAt: string | null;
  status: QuotaStatus;
  errorKind?: QuotaErrorKind;
  /** One line for people: the provider's error message, "key rejected", "usage limit reached for 5 hour". */
  detail?: string;
  /** A remark on a window that reads fine, for people: "allowance boosted ×1.5". */
  note?: string;
  /** An agent plan's window: the node it was read on, how (`sessions`, `statusline`...), and when the agent wrote it. */
  node?: string;
  source?: string;
  readingAt?: string;
  /** Older than `monitor.agentStaleHours`: shown, but it pauses, resumes and alerts nothing. */
  stale?: boolean;
  /** The window reset (at this time) after the reading was taken: its old figure is history. */
  resetSince?: string;
  /** The raw source (headers or body), secrets scrubbed; kept for errors and unknown shapes. */
  raw?: string;
}

/** One account's check: its windows, or (when the check failed as a whole) one window named "account" with status "error". */
export interface AccountCheck {
  provider: QuotaProvider;
  account: string;
  checkedAt: string;
  windows: QuotaWindow[];
}

/** `provider:label`, as `monitor.pauseNodes[].account` names an account. */
export function accountKey(provider: QuotaProvider, account: string): string {
  return `${provider}:${account}`;
}
