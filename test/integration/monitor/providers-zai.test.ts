// Z.ai against the provider stand-in on loopback: each limits[] entry its own window with
// epoch-millisecond resets, and its error codes, the 1308 reset text in Beijing time.
import assert from "node:assert/strict";
import { after, beforeEach, describe, it } from "node:test";
import { checkAll } from "../../../src/monitor/check-all.ts";
import { startProviderStandin } from "../../helpers/provider-standin/index.ts";
import { monitorConfig } from "../../helpers/provider-standin/monitor-config.ts";

const KEY = "zai-test-key-0123456789.abcdef";
const standin = await startProviderStandin();
after(() => standin.close());
beforeEach(() => standin.reset());

const check = async () => {
  const config = monitorConfig({ providers: { zai: [{ label: "glm", keyEnv: "ZAI_KEY", baseUrl: standin.url }] }, timeoutMs: 3000 });
  const [result] = await checkAll(config, { ZAI_KEY: KEY });
  return result!;
};
const quotaRoute = "GET /api/monitor/usage/quota/limit";

describe("zai adapter", () => {
  it("asks the quota-limit endpoint with Authorization: Bearer", async () => {
    await check();
    assert.deepEqual([standin.requests[0]!.method, standin.requests[0]!.path], ["GET", "/api/monitor/usage/quota/limit"]);
    assert.equal(standin.requests[0]!.headers.authorization, `Bearer ${KEY}`);
  });

  it("makes each limits[] entry a window: usage is the limit, currentValue the used, nextResetTime epoch ms", async () => {
    const result = await check();
    const [tokens, time] = result.windows;
    assert.deepEqual(
      [tokens!.window, tokens!.windowSeconds, tokens!.used, tokens!.limit, tokens!.remaining, tokens!.usedPct, tokens!.resetsAt, tokens!.status],
      ["5h tokens", 18_000, 127694464, 800000000, 672305536, 15, "2026-02-09T14:46:42.389Z", "ok"],
    );
    assert.deepEqual([time!.window, time!.used, time!.limit, time!.usedPct, time!.resetsAt], ["time (unit 5, number 1)", 1828, 4000, 45, null]);
  });

  it("reads a weekly TOKENS_LIMIT and a full window", async () => {
    standin.route(quotaRoute, { body: { code: 200, success: true, data: { limits: [
      { type: "TOKENS_LIMIT", unit: 6, number: 1, usage: 100, currentValue: 100, remaining: 0, percentage: 100, nextResetTime: 1770648402389 },
    ] } } });
    const [w] = (await check()).windows;
    assert.deepEqual([w!.window, w!.windowSeconds, w!.status], ["weekly tokens", 604_800, "exhausted"]);
  });

  it("reads 429 code 1308 as exhausted, its reset text read as Beijing time", async () => {
    standin.route(quotaRoute, { status: 429, body: { error: { code: "1308", message: "Usage limit reached for 5 hour. Your limit will reset at 2026-09-09 05:38:28" } } });
    const [w] = (await check()).windows;
    assert.deepEqual([w!.window, w!.status, w!.resetsAt], ["account", "exhausted", "2026-09-08T21:38:28.000Z"]);
    assert.match(w!.detail!, /Usage limit reached for 5 hour/);
  });

  it("maps 1113 arrears and 1309 plan expired to no_credit, 1302 to rate_limited", async () => {
    const cases: [string, string][] = [["1113", "no_credit"], ["1309", "no_credit"], ["1302", "rate_limited"]];
    for (const [code, kind] of cases) {
      standin.route(quotaRoute, { status: 429, body: { error: { code, message: `error ${code}` } } });
      const [w] = (await check()).windows;
      assert.deepEqual([w!.status, w!.errorKind], ["error", kind], code);
    }
  });

  it("reads an error code inside an HTTP 200 body as the error, not as data", async () => {
    standin.route(quotaRoute, { body: { code: 1113, msg: "Your account is in arrears", success: false } });
    const [w] = (await check()).windows;
    assert.deepEqual([w!.status, w!.errorKind, w!.detail], ["error", "no_credit", "Your account is in arrears"]);
  });
});
