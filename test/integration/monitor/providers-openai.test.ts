// OpenAI against the provider stand-in on loopback: x-ratelimit-* headers with Go-duration
// resets, the money-versus-rate-limit errors, and today's costs with an admin key.
import assert from "node:assert/strict";
import { after, beforeEach, describe, it } from "node:test";
import { checkAll } from "../../../src/monitor/check-all.ts";
import type { QuotaWindow } from "../../../src/monitor/types.ts";
import { startProviderStandin } from "../../helpers/provider-standin/index.ts";
import { monitorConfig } from "../../helpers/provider-standin/monitor-config.ts";

const KEY = "sk-proj-test-openai-key-abcdef";
const ADMIN = "sk-admin-test-openai-admin-key";
const NOW = new Date("2026-03-01T15:30:00Z");
const standin = await startProviderStandin();
after(() => standin.close());
beforeEach(() => standin.reset());

const check = async (account: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = { OPENAI_KEY: KEY }) => {
  const config = monitorConfig({ providers: { openai: [{ label: "main", keyEnv: "OPENAI_KEY", baseUrl: standin.url, ...account }] }, timeoutMs: 3000 });
  const [result] = await checkAll(config, env, { now: () => NOW });
  return result!;
};
const byName = (windows: QuotaWindow[]) => new Map(windows.map((w) => [w.window, w]));
const error429 = (error: Record<string, unknown>) => ({ status: 429, body: { error } });

describe("openai adapter", () => {
  it("sends a 1-token chat completion (max_completion_tokens 1) with Authorization: Bearer", async () => {
    await check();
    const [req] = standin.requests;
    assert.equal(req!.path, "/v1/chat/completions");
    assert.equal(req!.headers.authorization, `Bearer ${KEY}`);
    assert.deepEqual([(req!.body as { max_completion_tokens: number }).max_completion_tokens, (req!.body as { model: string }).model], [1, "gpt-4o-mini"]);
  });

  it("parses x-ratelimit-* into windows with Go-duration resets from now, fractions included", async () => {
    const ws = byName((await check()).windows);
    const requests = ws.get("requests")!;
    assert.deepEqual([requests.limit, requests.remaining, requests.used, requests.usedPct], [10000, 9999, 1, 0.01]);
    assert.equal(requests.resetsAt, "2026-03-01T15:36:00.000Z");
    const tokens = ws.get("tokens")!;
    assert.deepEqual([tokens.usedPct, tokens.resetsAt, tokens.status], [25, "2026-03-01T15:34:12.172Z", "ok"]);
  });

  it("reads hour-long and millisecond resets", async () => {
    standin.route("POST /v1/chat/completions", { headers: {
      "x-ratelimit-limit-requests": "100", "x-ratelimit-remaining-requests": "5", "x-ratelimit-reset-requests": "12ms",
      "x-ratelimit-limit-tokens": "100", "x-ratelimit-remaining-tokens": "100", "x-ratelimit-reset-tokens": "23h18m29.144s",
    }, body: {} });
    const ws = byName((await check()).windows);
    assert.deepEqual([ws.get("requests")!.resetsAt, ws.get("requests")!.status], ["2026-03-01T15:30:00.012Z", "low"]);
    assert.equal(ws.get("tokens")!.resetsAt, "2026-03-02T14:48:29.144Z");
  });

  it("reads 429 rate_limit_exceeded as rate_limited (retry later), keeping the header windows", async () => {
    standin.route("POST /v1/chat/completions", { ...error429({ message: "Rate limit reached for requests", type: "requests", code: "rate_limit_exceeded" }), headers: {
      "x-ratelimit-limit-requests": "100", "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "1s",
    } });
    const ws = byName((await check()).windows);
    assert.deepEqual([ws.get("account")!.status, ws.get("account")!.errorKind], ["error", "rate_limited"]);
    assert.equal(ws.get("requests")!.status, "exhausted");
  });

  it("reads insufficient_quota and credit_balance_exhausted as no_credit", async () => {
    for (const code of ["insufficient_quota", "credit_balance_exhausted"]) {
      standin.route("POST /v1/chat/completions", error429({ message: "You exceeded your current quota, please check your plan and billing details.", type: code, code }));
      const [w] = (await check()).windows;
      assert.deepEqual([w!.status, w!.errorKind], ["error", "no_credit"], code);
    }
  });

  it("reads the Codex plan's usage_limit_reached as exhausted until resets_in_seconds", async () => {
    standin.route("POST /v1/chat/completions", error429({ type: "usage_limit_reached", message: "The usage limit has been reached", resets_in_seconds: 5400 }));
    const [w] = (await check()).windows;
    assert.deepEqual([w!.window, w!.status, w!.resetsAt], ["account", "exhausted", "2026-03-01T17:00:00.000Z"]);
  });

  it("adds today's costs from the organization costs API with the admin key", async () => {
    const result = await check({ adminKeyEnv: "OPENAI_ADMIN" }, { OPENAI_KEY: KEY, OPENAI_ADMIN: ADMIN });
    const spend = byName(result.windows).get("spend today")!;
    assert.deepEqual([spend.used, spend.limit, spend.resetsAt], [4.75, null, "2026-03-02T00:00:00.000Z"]);
    const costs = standin.requests.find((r) => r.path === "/v1/organization/costs")!;
    assert.equal(costs.headers.authorization, `Bearer ${ADMIN}`);
    assert.equal(costs.query.start_time, String(Date.UTC(2026, 2, 1) / 1000));
  });
});
