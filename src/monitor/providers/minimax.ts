import { httpFailure, keyRejected, request, unrecognised } from "./http.ts";
import { minimaxFailure } from "./minimax-errors.ts";
import { minimaxRemains } from "./minimax-windows.ts";
import type { CheckContext, ProviderAdapter } from "./provider.ts";
import { ACCOUNT_WINDOW, type Reading } from "./reading.ts";

export const MINIMAX_PATHS = ["/v1/token_plan/remains", "/v1/api/openplatform/coding_plan/remains"] as const;

async function remains(ctx: CheckContext): Promise<Reading[]> {
  for (const [i, path] of MINIMAX_PATHS.entries()) {
    const outcome = await request(ctx, path, { headers: { authorization: `Bearer ${ctx.key}` } });
    if ("failure" in outcome) return [outcome.failure];
    const { reply } = outcome;
    // The newer path is not on every host yet: a 404 there means "ask the older one".
    if (reply.status === 404 && i < MINIMAX_PATHS.length - 1) continue;
    const rejected = keyRejected(reply);
    if (rejected) return [rejected];
    // Always read the body: MiniMax reports errors in base_resp, even with HTTP 200.
    const failure = minimaxFailure(reply.json, reply.text);
    if (failure) return [failure];
    if (reply.status < 200 || reply.status >= 300) return [httpFailure(reply)];
    const read = minimaxRemains(reply.json, ctx.now());
    if (!read) return [unrecognised(reply)];
    return read.windows.length > 0 ? read.windows : [nothingMetered(read.notInPlan)];
  }
  return [];
}

/** Every model came back "not in plan": the key works and nothing on it is metered, which is not an error. */
function nothingMetered(models: string[]): Reading {
  return { window: ACCOUNT_WINDOW, windowSeconds: null, used: null, limit: null, remaining: null, usedPct: null, resetsAt: null, note: `no metered model in this plan (not in plan: ${models.join(", ")})` };
}

/** MiniMax Coding / Token Plan: the (undocumented) remains endpoint, with its older path as fallback. */
export const minimax: ProviderAdapter = {
  name: "minimax",
  defaultBaseUrl: "https://api.minimax.io",
  check: remains,
};
