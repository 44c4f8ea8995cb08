import { anthropicFailure } from "./anthropic-errors.ts";
import { anthropicSpend } from "./anthropic-spend.ts";
import { request, unrecognised } from "./http.ts";
import type { CheckContext, ProviderAdapter } from "./provider.ts";
import { anthropicWindows } from "./anthropic-windows.ts";
import type { Reading } from "./reading.ts";

/** A small current model: the probe costs one output token on it. `probeModel` overrides it. */
export const ANTHROPIC_PROBE_MODEL = "claude-haiku-4-5";
export const ANTHROPIC_VERSION = "2023-06-01";

async function probe(ctx: CheckContext): Promise<Reading[]> {
  const outcome = await request(ctx, "/v1/messages", {
    method: "POST",
    headers: { "x-api-key": ctx.key, "anthropic-version": ANTHROPIC_VERSION, "content-type": "application/json" },
    body: JSON.stringify({ model: ctx.account.probeModel ?? ANTHROPIC_PROBE_MODEL, max_tokens: 1, messages: [{ role: "user", content: "." }] }),
  });
  if ("failure" in outcome) return [outcome.failure];
  const { reply } = outcome;
  const windows = anthropicWindows(reply.headers);
  if (reply.status >= 200 && reply.status < 300) return windows.length > 0 ? windows : [unrecognised(reply)];
  return [anthropicFailure(reply, ctx.now()), ...windows];
}

/** Anthropic: the rate-limit headers of a 1-token probe; with an admin key, today's spend. */
export const anthropic: ProviderAdapter = {
  name: "anthropic",
  defaultBaseUrl: "https://api.anthropic.com",
  check: probe,
  spend: anthropicSpend,
};
