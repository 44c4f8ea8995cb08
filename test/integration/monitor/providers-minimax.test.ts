// MiniMax against the provider stand-in on loopback: the remains endpoint and its fallback, the
// remaining-count field, entries at the top level or under data, errors inside HTTP 200, and the
// Token Plan as real accounts answer today (0/0 counts, the figures in remaining percents, lanes
// not in the plan, a boosted weekly lane).
import assert from "node:assert/strict";
import { after, beforeEach, describe, it } from "node:test";
import { checkAll } from "../../../src/monitor/check-all.ts";
import {
  MINIMAX_ENTRY, minimaxBoostAndVideo, minimaxInvalidKey, minimaxTokenPlan, minimaxUnderDataWithStrings, startProviderStandin, tokenPlanBucket,
} from "../../helpers/provider-standin/index.ts";
import { monitorConfig } from "../../helpers/provider-standin/monitor-config.ts";

const KEY = "sk-cp-test-minimax-key-abcdef";
const NEW_PATH = "GET /v1/token_plan/remains";
const OLD_PATH = "GET /v1/api/openplatform/coding_plan/remains";
const standin = await startProviderStandin();
after(() => standin.close());
beforeEach(() => standin.reset());

const check = async () => {
  const config = monitorConfig({ providers: { minimax: [{ label: "cp", keyEnv: "MINIMAX_KEY", baseUrl: standin.url }] }, timeoutMs: 3000 });
  const [result] = await checkAll(config, { MINIMAX_KEY: KEY });
  return result!;
};
const baseError = (status_code: number, status_msg: string) => ({ body: { base_resp: { status_code, status_msg } } });

describe("minimax adapter", () => {
  it("reads model_remains at the top level, the usage count being what remains", async () => {
    const [w] = (await check()).windows;
    assert.deepEqual(
      [w!.window, w!.limit, w!.remaining, w!.used, w!.usedPct, w!.windowSeconds, w!.resetsAt, w!.status],
      ["MiniMax-M2", 1500, 1200, 300, 20, 18_000, "2026-05-15T15:00:00.000Z", "ok"],
    );
    assert.equal(standin.requests[0]!.headers.authorization, `Bearer ${KEY}`);
    assert.equal(standin.requests.length, 1);
  });

  it("falls back to the coding_plan path on 404 and reads model_remains under data", async () => {
    standin.route(NEW_PATH, { status: 404, body: { error: "not found" } });
    standin.route(OLD_PATH, { body: { base_resp: { status_code: 0 }, data: { model_remains: [{ ...MINIMAX_ENTRY, current_interval_usage_count: 150 }] } } });
    const [w] = (await check()).windows;
    assert.deepEqual(standin.requests.map((r) => r.path), ["/v1/token_plan/remains", "/v1/api/openplatform/coding_plan/remains"]);
    assert.deepEqual([w!.remaining, w!.usedPct, w!.status], [150, 90, "low"]);
    assert.equal(standin.requests[1]!.headers.authorization, `Bearer ${KEY}`);
  });

  it("reads 2056 inside an HTTP 200 body as exhausted, with the reset time from its message", async () => {
    standin.route(NEW_PATH, baseError(2056, "usage limit exceeded, 5-hour usage limit reached, resets at 2026-05-15T15:00:00Z (2056)"));
    const [w] = (await check()).windows;
    assert.deepEqual([w!.window, w!.status, w!.resetsAt], ["account", "exhausted", "2026-05-15T15:00:00.000Z"]);
  });

  it("maps 1004 to key_rejected, 1008 to no_credit and 1002 to rate_limited, all inside HTTP 200", async () => {
    const cases: [number, string][] = [[1004, "key_rejected"], [1008, "no_credit"], [1002, "rate_limited"]];
    for (const [code, kind] of cases) {
      standin.route(NEW_PATH, baseError(code, `error ${code}`));
      const [w] = (await check()).windows;
      assert.deepEqual([w!.status, w!.errorKind], ["error", kind], String(code));
    }
  });

  describe("Token Plan (counts 0/0, figures in *_remaining_percent)", () => {
    const summary = (ws: Awaited<ReturnType<typeof check>>["windows"]) => ws.map((w) => [w.window, w.usedPct, w.status]);

    it("reads the remaining percents, not the 0/0 counts: neither window is exhausted", async () => {
      standin.route(NEW_PATH, { body: minimaxTokenPlan(88, 97) });
      const ws = (await check()).windows;
      assert.deepEqual(summary(ws), [["general", 12, "ok"], ["general weekly", 3, "ok"]]);
      const [interval, weekly] = ws;
      assert.deepEqual(
        [interval!.windowSeconds, interval!.resetsAt, interval!.limit, interval!.remaining, interval!.used],
        [18_000, "2026-12-14T06:00:00.000Z", null, null, null],
        "a 0/0 pair is no count, never a limit of 0 with 0 left",
      );
      assert.deepEqual([weekly!.windowSeconds, weekly!.resetsAt], [604_800, "2026-12-18T00:00:00.000Z"]);
    });

    it("still reads a lane with 0% remaining as exhausted, and one past the first threshold as low", async () => {
      standin.route(NEW_PATH, { body: minimaxTokenPlan(0, 15) });
      assert.deepEqual(summary((await check()).windows), [["general", 100, "exhausted"], ["general weekly", 85, "low"]]);
    });

    it("reads model_remains under data with the percents as strings", async () => {
      standin.route(NEW_PATH, { body: minimaxUnderDataWithStrings() });
      assert.deepEqual(summary((await check()).windows), [["general", 29, "ok"], ["general weekly", 10, "ok"]]);
    });

    it("leaves out a model whose lanes have status 3 (not in the plan) and shows the weekly boost", async () => {
      standin.route(NEW_PATH, { body: minimaxBoostAndVideo() });
      const ws = (await check()).windows;
      assert.deepEqual(summary(ws), [["general", 0, "ok"], ["general weekly", 45, "ok"]]);
      assert.equal(ws[1]!.note, "allowance boosted ×1.5");
      assert.equal(ws[0]!.note, undefined, "the interval lane carries no boost");
    });

    it("says so, without an error, when no model of the plan is metered", async () => {
      standin.route(NEW_PATH, { body: { base_resp: { status_code: 0 }, model_remains: [tokenPlanBucket("video", { intervalLeft: 100, weeklyLeft: 100, status: 3 })] } });
      const [w, ...rest] = (await check()).windows;
      assert.equal(rest.length, 0);
      assert.deepEqual([w!.window, w!.status, w!.note], ["account", "ok", "no metered model in this plan (not in plan: video)"]);
    });
  });

  it("reads 2049 'invalid api key' inside an HTTP 200 as the key rejected, naming the region mix-up", async () => {
    standin.route(NEW_PATH, minimaxInvalidKey);
    const [w] = (await check()).windows;
    assert.deepEqual([w!.window, w!.status, w!.errorKind], ["account", "error", "key_rejected"]);
    assert.match(w!.detail!, /^key rejected \(2049 invalid api key; .*api\.minimaxi\.com/);
  });
});
