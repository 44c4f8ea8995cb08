// Anthropic against the provider stand-in on loopback: the probe's rate-limit headers, its
// errors, and today's spend with an admin key.
import assert from "node:assert/strict";
import { after, beforeEach, describe, it } from "node:test";
import { checkAll } from "../../../src/monitor/check-all.ts";
import type { QuotaWindow } from "../../../src/monitor/types.ts";
import { anthropic429NoRetryAfter, startProviderStandin } from "../../helpers/provider-standin/index.ts";
import { monitorConfig } from "../../helpers/provider-standin/monitor-config.ts";

const KEY = "sk-ant-api03-test-key-123456";
const ADMIN = "sk-ant-admin01-test-admin-key";
const NOW = new Date("2026-03-01T15:30:00Z");
const standin = await startProviderStandin();
after(() => standin.close());
beforeEach(() => standin.reset());

const check = async (account: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = { ANTHROPIC_KEY: KEY }) => {
  const config = monitorConfig({ providers: { anthropic: [{ label: "main", keyEnv: "ANTHROPIC_KEY", baseUrl: standin.url, ...account }] }, timeoutMs: 3000 });
  const [result] = await checkAll(config, env, { now: () => NOW });
  return result!;
};
const byName = (windows: QuotaWindow[]) => new Map(windows.map((w) => [w.window, w]));

describe("anthropic adapter", () => {
  it("probes /v1/messages with max_tokens 1, x-api-key and anthropic-version 2023-06-01", async () => {
    await check();
    const [req] = standin.requests;
    assert.equal(req!.method, "POST");
    assert.equal(req!.path, "/v1/messages");
    assert.equal(req!.headers["x-api-key"], KEY);
    assert.equal(req!.headers["anthropic-version"], "2023-06-01");
    assert.equal(req!.headers.authorization, undefined);
    const body = req!.body as { model: string; max_tokens: number };
    assert.equal(body.max_tokens, 1);
    assert.equal(body.model, "claude-haiku-4-5");
  });

  it("uses the configured probeModel", async () => {
    await check({ probeModel: "claude-sonnet-4-5" });
    assert.equal((standin.requests[0]!.body as { model: string }).model, "claude-sonnet-4-5");
  });

  it("parses each anthropic-ratelimit-* family into a window with RFC 3339 resets", async () => {
    const result = await check();
    const ws = byName(result.windows);
    assert.deepEqual([...ws.keys()], ["requests", "tokens", "input tokens", "output tokens"]);
    const tokens = ws.get("tokens")!;
    assert.deepEqual(
      [tokens.limit, tokens.remaining, tokens.used, tokens.usedPct, tokens.resetsAt, tokens.status],
      [100000, 85000, 15000, 15, "2025-08-21T12:41:00.000Z", "ok"],
    );
    assert.equal(ws.get("output tokens")!.usedPct, 35);
    assert.equal(ws.get("requests")!.resetsAt, "2025-08-21T12:40:59.000Z");
  });

  it("marks a window low at the first threshold and exhausted at zero remaining", async () => {
    standin.route("POST /v1/messages", { headers: {
      "anthropic-ratelimit-requests-limit": "50", "anthropic-ratelimit-requests-remaining": "10", "anthropic-ratelimit-requests-reset": "2026-03-01T15:31:00Z",
      "anthropic-ratelimit-tokens-limit": "1000", "anthropic-ratelimit-tokens-remaining": "0", "anthropic-ratelimit-tokens-reset": "2026-03-01T15:31:00Z",
    }, body: { type: "message" } });
    const ws = byName((await check()).windows);
    assert.equal(ws.get("requests")!.status, "low");
    assert.equal(ws.get("tokens")!.status, "exhausted");
  });

  it("reads 429 rate_limit_error as exhausted until retry-after", async () => {
    standin.route("POST /v1/messages", {
      status: 429, headers: { "retry-after": "40" },
      body: { type: "error", error: { type: "rate_limit_error", message: "Number of request tokens has exceeded your per-minute rate limit" } },
    });
    const [w] = (await check()).windows;
    assert.deepEqual([w!.window, w!.status, w!.resetsAt], ["account", "exhausted", "2026-03-01T15:30:40.000Z"]);
    assert.match(w!.detail!, /per-minute rate limit/);
  });

  it("reads a 429 without retry-after as exhausted until the reset of the window that ran out", async () => {
    standin.route("POST /v1/messages", anthropic429NoRetryAfter);
    const ws = (await check()).windows;
    const [account] = ws;
    assert.deepEqual([account!.window, account!.status, account!.resetsAt], ["account", "exhausted", "2026-12-13T02:00:45.000Z"]);
    assert.deepEqual(ws.slice(1).map((w) => [w.window, w.status]), [["requests", "ok"], ["output tokens", "exhausted"]]);
  });

  it("takes the reset of the tightest window when a 429 names none at 0 (token counts are rounded)", async () => {
    standin.route("POST /v1/messages", {
      status: 429,
      headers: {
        "anthropic-ratelimit-requests-limit": "50", "anthropic-ratelimit-requests-remaining": "40", "anthropic-ratelimit-requests-reset": "2026-03-01T15:30:05Z",
        "anthropic-ratelimit-input-tokens-limit": "40000", "anthropic-ratelimit-input-tokens-remaining": "1000", "anthropic-ratelimit-input-tokens-reset": "2026-03-01T15:30:55Z",
      },
      body: { type: "error", error: { type: "rate_limit_error", message: "rate limited" } },
    });
    const [w] = (await check()).windows;
    assert.deepEqual([w!.status, w!.resetsAt], ["exhausted", "2026-03-01T15:30:55.000Z"]);
  });

  it("reads the credit-balance 400 as no_credit", async () => {
    standin.route("POST /v1/messages", {
      status: 400,
      body: { type: "error", error: { type: "invalid_request_error", message: "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits." } },
    });
    const [w] = (await check()).windows;
    assert.deepEqual([w!.status, w!.errorKind], ["error", "no_credit"]);
    assert.match(w!.detail!, /credit balance is too low/);
  });

  it("reads 529 overloaded_error as an HTTP error, not the account's exhaustion", async () => {
    standin.route("POST /v1/messages", { status: 529, body: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } } });
    const [w] = (await check()).windows;
    assert.deepEqual([w!.status, w!.errorKind], ["error", "http"]);
    assert.match(w!.detail!, /^HTTP 529: overloaded/);
  });

  it("adds today's spend in dollars from the admin cost report (cents as a decimal string)", async () => {
    const result = await check({ adminKeyEnv: "ANTHROPIC_ADMIN" }, { ANTHROPIC_KEY: KEY, ANTHROPIC_ADMIN: ADMIN });
    const spend = byName(result.windows).get("spend today")!;
    assert.deepEqual([spend.used, spend.limit, spend.usedPct, spend.status], [12.35, null, null, "ok"]);
    const report = standin.requests.find((r) => r.path === "/v1/organizations/cost_report")!;
    assert.equal(report.headers["x-api-key"], ADMIN);
    assert.equal(report.headers["anthropic-version"], "2023-06-01");
    assert.equal(report.query.starting_at, "2026-03-01T00:00:00.000Z");
  });

  it("keeps the quota windows when the admin key is not set, and says which variable is missing", async () => {
    const result = await check({ adminKeyEnv: "ANTHROPIC_ADMIN" });
    const spend = byName(result.windows).get("spend today")!;
    assert.equal(spend.status, "error");
    assert.equal(spend.detail, "ANTHROPIC_ADMIN is not set");
    assert.equal(byName(result.windows).get("tokens")!.status, "ok");
  });
});
