import { request, unrecognised } from "./http.ts";
import type { ProviderAdapter } from "./provider.ts";
import { zaiFailure } from "./zai-errors.ts";
import { zaiWindows } from "./zai-windows.ts";

/** Z.ai GLM Coding Plan: the (undocumented) quota-limit endpoint, one window per `limits[]` entry. */
export const zai: ProviderAdapter = {
  name: "zai",
  defaultBaseUrl: "https://api.z.ai",
  async check(ctx) {
    const outcome = await request(ctx, "/api/monitor/usage/quota/limit", { headers: { authorization: `Bearer ${ctx.key}` } });
    if ("failure" in outcome) return [outcome.failure];
    const { reply } = outcome;
    const failure = zaiFailure(reply);
    if (failure) return [failure];
    return zaiWindows(reply.json) ?? [unrecognised(reply)];
  },
};
