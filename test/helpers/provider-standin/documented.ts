// The documented shapes of reference/providers.md, as each provider's endpoint answers by
// default. Tests override any of them per route.
import type { Responder } from "./types.ts";

export const ANTHROPIC_HEADERS: Record<string, string> = {
  "anthropic-ratelimit-requests-limit": "50",
  "anthropic-ratelimit-requests-remaining": "49",
  "anthropic-ratelimit-requests-reset": "2025-08-21T12:40:59Z",
  "anthropic-ratelimit-tokens-limit": "100000",
  "anthropic-ratelimit-tokens-remaining": "85000",
  "anthropic-ratelimit-tokens-reset": "2025-08-21T12:41:00Z",
  "anthropic-ratelimit-input-tokens-limit": "80000",
  "anthropic-ratelimit-input-tokens-remaining": "72000",
  "anthropic-ratelimit-input-tokens-reset": "2025-08-21T12:41:00Z",
  "anthropic-ratelimit-output-tokens-limit": "20000",
  "anthropic-ratelimit-output-tokens-remaining": "13000",
  "anthropic-ratelimit-output-tokens-reset": "2025-08-21T12:40:30Z",
};

export const OPENAI_HEADERS: Record<string, string> = {
  "x-ratelimit-limit-requests": "10000",
  "x-ratelimit-remaining-requests": "9999",
  "x-ratelimit-reset-requests": "6m0s",
  "x-ratelimit-limit-tokens": "2000000",
  "x-ratelimit-remaining-tokens": "1500000",
  "x-ratelimit-reset-tokens": "4m12.172s",
};

export const ZAI_QUOTA = {
  code: 200, success: true,
  data: { limits: [
    { type: "TOKENS_LIMIT", unit: 3, number: 5, usage: 800000000, currentValue: 127694464, remaining: 672305536, percentage: 15, nextResetTime: 1770648402389 },
    { type: "TIME_LIMIT", unit: 5, number: 1, usage: 4000, currentValue: 1828, remaining: 2172, percentage: 45 },
  ] },
};

export const MINIMAX_ENTRY = {
  model_name: "MiniMax-M2",
  current_interval_total_count: 1500,
  current_interval_usage_count: 1200,
  start_time: 1778839200000,
  end_time: 1778857200000,
  remains_time: 3600000,
};

export const MINIMAX_REMAINS = { base_resp: { status_code: 0, status_msg: "success" }, model_remains: [MINIMAX_ENTRY] };

export const DOCUMENTED: Record<string, Responder> = {
  "POST /v1/messages": {
    headers: ANTHROPIC_HEADERS,
    body: { id: "msg_1", type: "message", role: "assistant", content: [{ type: "text", text: "." }], stop_reason: "max_tokens", usage: { input_tokens: 8, output_tokens: 1 } },
  },
  "GET /v1/organizations/cost_report": {
    body: { data: [{ starting_at: "2026-03-01T00:00:00Z", ending_at: "2026-03-02T00:00:00Z", results: [{ currency: "USD", amount: "1234.5" }] }], has_more: false, next_page: null },
  },
  "POST /v1/chat/completions": {
    headers: OPENAI_HEADERS,
    body: { id: "chatcmpl-1", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: "." }, finish_reason: "length" }] },
  },
  "GET /v1/organization/costs": {
    body: { object: "page", data: [{ object: "bucket", start_time: 1772323200, end_time: 1772409600, results: [{ object: "organization.costs.result", amount: { value: 3.25, currency: "usd" } }, { object: "organization.costs.result", amount: { value: 1.5, currency: "usd" } }] }], has_more: false, next_page: null },
  },
  "GET /api/monitor/usage/quota/limit": { body: ZAI_QUOTA },
  "GET /v1/token_plan/remains": { body: MINIMAX_REMAINS },
  "GET /v1/api/openplatform/coding_plan/remains": { body: { data: MINIMAX_REMAINS } },
};
