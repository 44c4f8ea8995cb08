// Z.ai against the provider stand-in on loopback: each limits[] entry its own window with
// epoch-millisecond resets, and its error codes, the 1308 reset text in Beijing time.
import assert from "node:assert/strict";
import { after, beforeEach, describe, it } from "node:test";
import { checkAll } from "../../../src/monitor/check-all.ts";
import { startProviderStandin, zaiCredits, zaiNoCodingPlan, zaiPercentOnly } from "../../helpers/provider-standin/index.ts";
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

  it("maps 1113 arrears to no_credit, 1309 plan expired to no_plan, 1302 and 1313 to rate_limited", async () => {
    const cases: [string, string][] = [["1113", "no_credit"], ["1309", "no_plan"], ["1302", "rate_limited"], ["1313", "rate_limited"]];
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

  it("reads a 200 with success:false and 'no coding plan' as its own kind, the message kept", async () => {
    standin.route(quotaRoute, zaiNoCodingPlan);
    const [w, ...rest] = (await check()).windows;
    assert.equal(rest.length, 0);
    assert.deepEqual([w!.window, w!.status, w!.errorKind], ["account", "error", "no_plan"]);
    assert.equal(w!.detail, "no coding plan on this key (当前用户不存在coding plan)");
  });

  it("reads 1310 (weekly/monthly) and 1304 (daily) like 1308: exhausted until the Beijing time in the message", async () => {
    const cases: [string, string, string][] = [
      ["1310", "Weekly/Monthly Limit Exhausted. Your limit will reset at 2026-03-06 22:19:54", "2026-03-06T14:19:54.000Z"],
      ["1304", "该 API 已达今日调用次数限额", "none"],
    ];
    for (const [code, message, reset] of cases) {
      standin.route(quotaRoute, { status: 429, body: { error: { code, message } } });
      const [w] = (await check()).windows;
      assert.deepEqual([w!.status, w!.resetsAt ?? "none"], ["exhausted", reset], code);
    }
  });

  it("reads another 13xx code with the same 'limit ... reset at' wording as exhausted (Chinese and English)", async () => {
    const cases: [number, string, string][] = [
      [1314, "已达到 7 天 的使用上限。您的限额将在 2026-12-20 08:00:00 重置", "2026-12-20T00:00:00.000Z"],
      [1316, "Usage limit reached for 1 month. Your limit will reset at 2027-01-01 00:00:00", "2026-12-31T16:00:00.000Z"],
    ];
    for (const [code, msg, reset] of cases) {
      standin.route(quotaRoute, { status: 200, body: { code, msg, success: false } });
      const [w] = (await check()).windows;
      assert.deepEqual([w!.status, w!.resetsAt], ["exhausted", reset], String(code));
    }
    standin.route(quotaRoute, { status: 200, body: { code: 1305, msg: "该 API 已触发流量限制", success: false } });
    assert.equal((await check()).windows[0]!.status, "error", "a 13xx without a reset time is not exhaustion");
  });

  it("reads token windows that carry only a percentage, and a monthly TIME_LIMIT", async () => {
    standin.route(quotaRoute, { body: zaiPercentOnly() });
    const ws = (await check()).windows;
    assert.deepEqual(
      ws.map((w) => [w.window, w.windowSeconds, w.usedPct, w.used, w.limit, w.resetsAt, w.status]),
      [
        ["5h tokens", 18_000, 42, null, null, "2026-12-14T06:00:00.000Z", "ok"],
        ["weekly tokens", 604_800, 12, null, null, "2026-12-18T00:00:00.000Z", "ok"],
        ["time (unit 5, number 1)", null, 4, 40, 1000, "2027-01-01T00:00:00.000Z", "ok"],
      ],
    );
  });

  it("reads CREDIT_LIMIT windows, an idle one without a reset time", async () => {
    standin.route(quotaRoute, { body: zaiCredits() });
    const ws = (await check()).windows;
    assert.deepEqual(
      ws.map((w) => [w.window, w.used, w.limit, w.remaining, w.usedPct, w.resetsAt, w.status]),
      [
        ["5h credits", 0, 2000, 2000, 0, null, "ok"],
        ["weekly credits", 9700, 10000, 300, 97, "2026-12-18T00:00:00.000Z", "low"],
      ],
    );
  });
});
