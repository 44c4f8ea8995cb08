import { httpFailure, keyRejected, request, unrecognised } from "./http.ts";
import { minimaxFailure } from "./minimax-errors.ts";
import { minimaxWindows } from "./minimax-windows.ts";
import type { CheckContext, ProviderAdapter } from "./provider.ts";
import type { Reading } from "./reading.ts";

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
    return minimaxWindows(reply.json, ctx.now()) ?? [unrecognised(reply)];
  }
  return [];
}

/** MiniMax Coding / Token Plan: the (undocumented) remains endpoint, with its older path as fallback. */
export const minimax: ProviderAdapter = {
  name: "minimax",
  defaultBaseUrl: "https://api.minimax.io",
  check: remains,
};
