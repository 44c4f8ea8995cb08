import { parseGoDuration } from "./go-duration.ts";
import { request, unrecognised } from "./http.ts";
import { openaiFailure } from "./openai-errors.ts";
import { openaiSpend } from "./openai-spend.ts";
import type { CheckContext, ProviderAdapter } from "./provider.ts";
import { fromLimitRemaining, num, type Reading } from "./reading.ts";

/** A small current model: the probe costs one completion token on it. `probeModel` overrides it. */
export const OPENAI_PROBE_MODEL = "gpt-4o-mini";

/** `x-ratelimit-{limit,remaining,reset}-{requests,tokens}`; resets are Go durations from `now`. */
export function openaiWindows(headers: Headers, now: Date): Reading[] {
  const out: Reading[] = [];
  for (const kind of ["requests", "tokens"] as const) {
    const limit = num(headers.get(`x-ratelimit-limit-${kind}`));
    const remaining = num(headers.get(`x-ratelimit-remaining-${kind}`));
    if (limit === null && remaining === null) continue;
    const resetMs = parseGoDuration(headers.get(`x-ratelimit-reset-${kind}`) ?? "");
    const resetsAt = resetMs !== null ? new Date(now.getTime() + resetMs).toISOString() : null;
    out.push(fromLimitRemaining(kind, limit, remaining, resetsAt));
  }
  return out;
}

async function probe(ctx: CheckContext): Promise<Reading[]> {
  const outcome = await request(ctx, "/v1/chat/completions", {
    method: "POST",
    headers: { authorization: `Bearer ${ctx.key}`, "content-type": "application/json" },
    // max_completion_tokens, not the deprecated max_tokens: newer models (o-series, gpt-5) refuse the latter.
    body: JSON.stringify({ model: ctx.account.probeModel ?? OPENAI_PROBE_MODEL, max_completion_tokens: 1, messages: [{ role: "user", content: "." }] }),
  });
  if ("failure" in outcome) return [outcome.failure];
  const { reply } = outcome;
  const windows = openaiWindows(reply.headers, ctx.now());
  if (reply.status >= 200 && reply.status < 300) return windows.length > 0 ? windows : [unrecognised(reply)];
  return [openaiFailure(reply, ctx.now()), ...windows];
}

/** OpenAI: the `x-ratelimit-*` headers of a 1-token completion; with an admin key, today's costs. */
export const openai: ProviderAdapter = {
  name: "openai",
  defaultBaseUrl: "https://api.openai.com",
  check: probe,
  spend: openaiSpend,
};
