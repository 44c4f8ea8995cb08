// checkAll against provider stand-ins on loopback: every account in parallel within
// monitor.timeoutMs, a rejected key, a missing key variable, an unknown shape kept (scrubbed).
import assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { after, beforeEach, describe, it } from "node:test";
import { checkAll } from "../../../src/monitor/check-all.ts";
import { REDACTED } from "../../../src/secrets/index.ts";
import { startProviderStandin } from "../../helpers/provider-standin/index.ts";
import { monitorConfig } from "../../helpers/provider-standin/monitor-config.ts";

const ENV = {
  ANTHROPIC_KEY: "sk-ant-api03-good-key-1234", OPENAI_KEY: "sk-proj-good-openai-key-5678",
  ZAI_KEY: "zai-good-key-abcdef.123456", MINIMAX_KEY: "sk-cp-good-minimax-key-999",
};
const healthy = await startProviderStandin();
const hung = await startProviderStandin();
after(() => Promise.all([healthy.close(), hung.close()]));
beforeEach(() => {
  healthy.reset();
  hung.reset();
});

const everyProvider = (baseUrl: string, extra: Record<string, unknown> = {}) => ({
  providers: {
    anthropic: [{ label: "claude", keyEnv: "ANTHROPIC_KEY", baseUrl }],
    openai: [{ label: "gpt", keyEnv: "OPENAI_KEY", baseUrl }],
    zai: [{ label: "glm", keyEnv: "ZAI_KEY", baseUrl }],
    minimax: [{ label: "cp", keyEnv: "MINIMAX_KEY", baseUrl }],
  },
  timeoutMs: 3000,
  ...extra,
});

describe("checkAll", () => {
  it("checks every account of every provider, in config order, each with its own auth header", async () => {
    const results = await checkAll(monitorConfig(everyProvider(healthy.url)), ENV);
    assert.deepEqual(results.map((r) => `${r.provider}:${r.account}`), ["anthropic:claude", "openai:gpt", "zai:glm", "minimax:cp"]);
    for (const r of results) assert.ok(r.windows.every((w) => w.status === "ok"), `${r.provider}: ${JSON.stringify(r.windows)}`);
    const auth = (path: string) => healthy.requests.find((q) => q.path === path)!.headers;
    assert.equal(auth("/v1/messages")["x-api-key"], ENV.ANTHROPIC_KEY);
    assert.equal(auth("/v1/chat/completions").authorization, `Bearer ${ENV.OPENAI_KEY}`);
    assert.equal(auth("/api/monitor/usage/quota/limit").authorization, `Bearer ${ENV.ZAI_KEY}`);
    assert.equal(auth("/v1/token_plan/remains").authorization, `Bearer ${ENV.MINIMAX_KEY}`);
  });

  it("reports a rejected key as key_rejected for every provider", async () => {
    healthy.acceptKeys(["some-other-key-entirely"]);
    const results = await checkAll(monitorConfig(everyProvider(healthy.url)), ENV);
    for (const r of results) {
      assert.equal(r.windows.length, 1, r.provider);
      const [w] = r.windows;
      assert.deepEqual([w!.window, w!.status, w!.errorKind, w!.detail], ["account", "error", "key_rejected", "key rejected"], r.provider);
    }
  });

  it("reports a missing key variable by name without asking the provider", async () => {
    const config = monitorConfig({ providers: { zai: [{ label: "glm", keyEnv: "ZAI_NOT_SET", baseUrl: healthy.url }] } });
    const [r] = await checkAll(config, {});
    assert.deepEqual([r!.windows[0]!.status, r!.windows[0]!.detail], ["error", "ZAI_NOT_SET is not set"]);
    assert.equal(healthy.requests.length, 0);
  });

  it("keeps an unrecognised body as raw with the keys scrubbed, and never throws", async () => {
    healthy.route("GET /api/monitor/usage/quota/limit", { body: { surprise: true, echo: `Bearer ${ENV.ZAI_KEY}`, other: ENV.OPENAI_KEY } });
    healthy.route("POST /v1/chat/completions", { body: "<html>gateway</html>" });
    const results = await checkAll(monitorConfig(everyProvider(healthy.url)), ENV);
    const zai = results.find((r) => r.provider === "zai")!.windows[0]!;
    assert.deepEqual([zai.status, zai.errorKind, zai.detail], ["error", "unrecognised", "unrecognised response"]);
    assert.ok(zai.raw!.includes("surprise"));
    assert.ok(!zai.raw!.includes(ENV.ZAI_KEY) && !zai.raw!.includes(ENV.OPENAI_KEY), zai.raw);
    assert.ok(zai.raw!.includes(REDACTED));
    const openai = results.find((r) => r.provider === "openai")!.windows[0]!;
    assert.deepEqual([openai.errorKind, openai.raw], ["unrecognised", "<html>gateway</html>"]);
  });

  it("reports an unreachable host as an HTTP error", async () => {
    const gone = await startProviderStandin();
    await gone.close();
    const [r] = await checkAll(monitorConfig({ providers: { zai: [{ label: "glm", keyEnv: "ZAI_KEY", baseUrl: gone.url }] } }), ENV);
    assert.deepEqual([r!.windows[0]!.errorKind], ["http"]);
    assert.match(r!.windows[0]!.detail!, /^network error/);
  });

  it("a hung provider is cut off at its timeout while the others answer", { timeout: 30_000 }, async () => {
    const timeoutMs = 300;
    hung.route("GET /api/monitor/usage/quota/limit", { hang: true });
    const config = everyProvider(healthy.url, { timeoutMs });
    (config.providers.zai as unknown[]).push({ label: "glm-hung", keyEnv: "ZAI_KEY", baseUrl: hung.url });
    // The stand-in never answers: checkAll returning at all (within the test timeout), with a
    // timeout error for it, is the bound.
    const results = await checkAll(monitorConfig(config), ENV);
    const stuck = results.find((r) => r.account === "glm-hung")!.windows[0]!;
    assert.deepEqual([stuck.status, stuck.errorKind, stuck.detail], ["error", "timeout", `no answer within ${timeoutMs} ms`]);
    assert.equal(hung.requests.length, 1, "the hung stand-in was really asked");
    for (const r of results.filter((x) => x.account !== "glm-hung")) {
      assert.ok(r.windows.every((w) => w.status === "ok"), `${r.provider} answered`);
    }
  });

  it("bounds a MiniMax fallback by one timeout for the whole account", async () => {
    const timeoutMs = 300;
    hung.route("GET /v1/token_plan/remains", { status: 404, body: {} });
    hung.route("GET /v1/api/openplatform/coding_plan/remains", { hang: true });
    const config = monitorConfig({ providers: { minimax: [{ label: "cp", keyEnv: "MINIMAX_KEY", baseUrl: hung.url }] }, timeoutMs });
    const started = performance.now();
    const [r] = await checkAll(config, ENV);
    assert.ok(performance.now() - started < timeoutMs + 1000);
    assert.equal(r!.windows[0]!.errorKind, "timeout");
  });

  it("uses the injected clock for checkedAt and relative resets", async () => {
    const now = new Date("2026-03-01T15:30:00Z");
    const [r] = await checkAll(monitorConfig({ providers: { openai: [{ label: "gpt", keyEnv: "OPENAI_KEY", baseUrl: healthy.url }] } }), ENV, { now: () => now });
    assert.equal(r!.checkedAt, "2026-03-01T15:30:00.000Z");
    assert.equal(r!.windows[0]!.resetsAt, "2026-03-01T15:36:00.000Z");
  });
});
