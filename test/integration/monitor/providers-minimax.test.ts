// MiniMax against the provider stand-in on loopback: the remains endpoint and its fallback, the
// remaining-count field, entries at the top level or under data, and errors inside HTTP 200.
import assert from "node:assert/strict";
import { after, beforeEach, describe, it } from "node:test";
import { checkAll } from "../../../src/monitor/check-all.ts";
import { MINIMAX_ENTRY, startProviderStandin } from "../../helpers/provider-standin/index.ts";
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
});
