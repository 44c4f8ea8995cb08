import assert from "node:assert/strict";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../../../src/config/index.ts";
import { checkAll } from "../../../src/monitor/check-all.ts";
import { ANTHROPIC_PROBE_MODEL } from "../../../src/monitor/providers/index.ts";
import { configDir, HOME_ENV } from "./config-dir.ts";

const EXAMPLE = fileURLToPath(new URL("../../../config/oyster.example.json", import.meta.url));

interface Sent {
  method: string;
  /** origin + path: what the example decides; the query is the adapter's (dates, bucket width). */
  url: string;
  body: string | undefined;
}

/** A fetch that sends nothing anywhere: it records each request and answers 401, so every adapter stops after its first request per lane. */
function recordingFetch(sent: Sent[]): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    sent.push({ method: init?.method ?? "GET", url: `${url.origin}${url.pathname}`, body: typeof init?.body === "string" ? init.body : undefined });
    return new Response('{"error":"stand-in: no network in this test"}', { status: 401, headers: { "content-type": "application/json" } });
  };
}

describe("config/oyster.example.json copied to oyster.json", () => {
  it("sends each provider's requests to its documented host and path, and probes Anthropic with the default model", async () => {
    const dir = configDir();
    copyFileSync(EXAMPLE, join(dir, "oyster.json"));
    const { config } = loadConfig({ dir, env: HOME_ENV });

    // Every key variable the example names is set, so every request an account makes is sent.
    const accounts = Object.values(config.oyster.monitor.providers).flatMap((list) => list ?? []);
    const env: NodeJS.ProcessEnv = { ...HOME_ENV };
    for (const a of accounts) for (const name of [a.keyEnv, a.adminKeyEnv]) if (name) env[name] = `test-value-of-${name.toLowerCase()}`;
    assert.deepEqual(Object.keys(env).sort(), ["ANTHROPIC_ADMIN_KEY", "ANTHROPIC_API_KEY", "HOME", "MINIMAX_API_KEY", "OPENAI_ADMIN_KEY", "OPENAI_API_KEY", "ZAI_API_KEY"]);

    const sent: Sent[] = [];
    const checks = await checkAll(config, env, { fetch: recordingFetch(sent) });

    assert.deepEqual(checks.map((c) => `${c.provider}:${c.account}`), ["anthropic:team", "openai:team", "zai:glm", "minimax:main"]);
    assert.deepEqual(sent.map((s) => `${s.method} ${s.url}`).sort(), [
      "GET https://api.anthropic.com/v1/organizations/cost_report",
      "GET https://api.minimax.io/v1/token_plan/remains",
      "GET https://api.openai.com/v1/organization/costs",
      "GET https://api.z.ai/api/monitor/usage/quota/limit",
      "POST https://api.anthropic.com/v1/messages",
      "POST https://api.openai.com/v1/chat/completions",
    ]);
    const probe = sent.find((s) => s.url === "https://api.anthropic.com/v1/messages");
    assert.equal((JSON.parse(probe?.body ?? "{}") as { model?: string }).model, ANTHROPIC_PROBE_MODEL);
    // The 401 reached each adapter as an answer: the requests were made, not lost to a bad URL.
    for (const c of checks) assert.ok(c.windows.every((w) => w.errorKind === "key_rejected"), JSON.stringify(c.windows));
  });
});
