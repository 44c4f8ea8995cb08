// Answers in the shapes that real accounts return today, which the documented shapes in
// documented.ts do not show (reference/real-api-samples/ describes them; the values here are
// our own). Tests route them: `standin.route(MINIMAX_ROUTE, { body: minimaxTokenPlan() })`.
import type { ScriptedReply } from "./types.ts";

export const MINIMAX_ROUTE = "GET /v1/token_plan/remains";
export const ZAI_ROUTE = "GET /api/monitor/usage/quota/limit";
export const ANTHROPIC_ROUTE = "POST /v1/messages";

const OK = { status_code: 0, status_msg: "success" };

/**
 * One Token Plan bucket as MiniMax sends it now: both count pairs 0, the figures only in the
 * remaining percents, window bounds in epoch ms, and `remains_time` counting down.
 */
export function tokenPlanBucket(model: string, o: { intervalLeft: number | string; weeklyLeft: number | string; status?: number; boostPermille?: number }) {
  return {
    start_time: 1797210000000, // 2026-12-14T01:00:00Z
    end_time: 1797228000000, // 2026-12-14T06:00:00Z
    remains_time: 9_000_000,
    current_interval_total_count: 0,
    current_interval_usage_count: 0,
    model_name: model,
    current_weekly_total_count: 0,
    current_weekly_usage_count: 0,
    weekly_start_time: 1796947200000, // 2026-12-11T00:00:00Z
    weekly_end_time: 1797552000000, // 2026-12-18T00:00:00Z
    weekly_remains_time: 333_000_000,
    current_interval_status: o.status ?? 1,
    current_interval_remaining_percent: o.intervalLeft,
    current_weekly_status: o.status ?? 1,
    current_weekly_remaining_percent: o.weeklyLeft,
    ...(o.boostPermille !== undefined ? { weekly_boost_permille: o.boostPermille } : {}),
  };
}

/** The Token Plan at the top level: a general bucket with room left in both lanes. */
export const minimaxTokenPlan = (intervalLeft: number | string = 88, weeklyLeft: number | string = 97) => ({
  model_remains: [tokenPlanBucket("general", { intervalLeft, weeklyLeft })],
  base_resp: OK,
});

/** A boosted weekly lane beside a `video` bucket the plan does not include (status 3, 100% left, 0/0). */
export const minimaxBoostAndVideo = () => ({
  model_remains: [
    tokenPlanBucket("general", { intervalLeft: 100, weeklyLeft: 55, boostPermille: 1500 }),
    tokenPlanBucket("video", { intervalLeft: 100, weeklyLeft: 100, status: 3 }),
  ],
  base_resp: OK,
});

/** `model_remains` under `data`, the percents as strings, with the plan's title beside them. */
export const minimaxUnderDataWithStrings = () => ({
  base_resp: OK,
  data: {
    current_subscribe_title: "Token Plan Max",
    points_balance: "5000",
    model_remains: [{ ...tokenPlanBucket("general", { intervalLeft: "71", weeklyLeft: "90" }), current_interval_status: undefined, current_weekly_status: undefined }],
  },
});

/** MiniMax refusing a key inside an HTTP 200 (a key from the other region's platform does this). */
export const minimaxInvalidKey: ScriptedReply = { status: 200, body: { base_resp: { status_code: 2049, status_msg: "invalid api key" } } };

/** Z.ai for a valid key with no GLM Coding Plan: HTTP 200, success false, code 500, the message in Chinese. */
export const zaiNoCodingPlan: ScriptedReply = { status: 200, body: { code: 500, msg: "当前用户不存在coding plan", success: false } };

/** Z.ai's newer plans: token windows with only `percentage`, a weekly TOKENS_LIMIT and a monthly TIME_LIMIT. */
export const zaiPercentOnly = () => ({
  code: 200, msg: "Operation successful", success: true,
  data: { level: "pro", limits: [
    { type: "TOKENS_LIMIT", unit: 3, number: 5, percentage: 42, nextResetTime: 1797228000000 },
    { type: "TOKENS_LIMIT", unit: 6, number: 1, percentage: 12, nextResetTime: 1797552000000 },
    { type: "TIME_LIMIT", unit: 5, number: 1, usage: 1000, currentValue: 40, remaining: 960, percentage: 4, nextResetTime: 1798761600000, usageDetails: [{ modelCode: "search-prime", usage: 40 }] },
  ] },
});

/** Z.ai's CREDIT_LIMIT plans; an idle 5-hour window carries no nextResetTime. */
export const zaiCredits = () => ({
  code: 200, msg: "Operation successful", success: true,
  data: { level: "lite", limits: [
    { type: "CREDIT_LIMIT", unit: 3, number: 5, usage: 2000, currentValue: 0, remaining: 2000, percentage: 0 },
    { type: "CREDIT_LIMIT", unit: 6, number: 1, usage: 10000, currentValue: 9700, remaining: 300, percentage: 97, nextResetTime: 1797552000000 },
  ] },
});

/** Anthropic's 429 with the rate-limit headers but no `retry-after`: output tokens are the window that ran out. */
export const anthropic429NoRetryAfter: ScriptedReply = {
  status: 429,
  headers: {
    "anthropic-ratelimit-requests-limit": "50",
    "anthropic-ratelimit-requests-remaining": "31",
    "anthropic-ratelimit-requests-reset": "2026-12-13T02:00:20Z",
    "anthropic-ratelimit-output-tokens-limit": "8000",
    "anthropic-ratelimit-output-tokens-remaining": "0",
    "anthropic-ratelimit-output-tokens-reset": "2026-12-13T02:00:45Z",
  },
  body: { type: "error", error: { type: "rate_limit_error", message: "This request would exceed the rate limit for your organization of 8,000 output tokens per minute." } },
};
