// `quota` rendering: every number per window, countdowns, forecasts, "not configured", and Block
// Kit within Slack's limits.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatAmount, formatCountdown, formatPct, secondsUntil } from "../../../src/monitor/render/format.ts";
import { quotaBlocks } from "../../../src/monitor/render/quota-blocks.ts";
import { buildQuotaReport, isUnhealthy, type QuotaReport } from "../../../src/monitor/render/quota-report.ts";
import { quotaText } from "../../../src/monitor/render/quota-text.ts";
import { zaiWindow } from "../../helpers/quota-samples-fixture.ts";

const now = new Date("2026-11-30T11:46:00.000Z");

function report(windows = [zaiWindow(), zaiWindow({ window: "weekly", usedPct: 100, used: 10, limit: 10, remaining: 0, status: "exhausted" }), zaiWindow({ provider: "openai", account: "main", window: "account", used: null, limit: null, remaining: null, usedPct: null, resetsAt: null, status: "error", errorKind: "key_rejected", detail: "key rejected" })]): QuotaReport {
  const checks = [...new Set(windows.map((w) => `${w.provider}:${w.account}`))].map((key) => ({
    provider: windows.find((w) => `${w.provider}:${w.account}` === key)!.provider,
    account: key.split(":")[1]!,
    checkedAt: now.toISOString(),
    windows: windows.filter((w) => `${w.provider}:${w.account}` === key),
  }));
  return buildQuotaReport({ checks, notConfigured: ["anthropic", "minimax"], now, history: () => [], forecast: (_s, _n) => ({ text: "lasts until the reset", runsOutAt: null, beforeReset: false }) });
}

describe("quota formatting", () => {
  it("shortens large counts, keeps the decimal near 100%, and counts down to the reset", () => {
    assert.deepEqual([formatAmount(950), formatAmount(127_694_464), formatAmount(null)], ["950", "127.7M", "-"]);
    assert.deepEqual([formatPct(15.4), formatPct(99.64), formatPct(100), formatPct(null)], ["15%", "99.6%", "100%", "-"]);
    assert.equal(formatCountdown(secondsUntil("2026-11-30T14:00:00Z", now)), "in 2h 14m");
    assert.equal(formatCountdown(secondsUntil("2026-11-30T11:00:00Z", now)), "now");
    assert.equal(formatCountdown(secondsUntil(null, now)), "-");
  });
});

describe("quota report", () => {
  it("lists every window with used, limit, left, used %, reset, countdown, status and forecast", () => {
    const r = report();
    assert.deepEqual(r.windows.map((w) => [w.provider, w.account, w.window, w.status, w.resetsInSeconds]), [
      ["zai", "glm", "5h tokens", "ok", 8040],
      ["zai", "glm", "weekly", "exhausted", 8040],
      ["openai", "main", "account", "error", null],
    ]);
    // No forecast for a check that gave no number.
    assert.deepEqual(r.windows.map((w) => w.forecast?.text ?? null), ["lasts until the reset", "lasts until the reset", null]);
    const text = quotaText(r);
    assert.match(text, /zai\s+glm\s+5h tokens\s+127\.7M\s+800M\s+672\.3M\s+15%\s+2026-11-30 14:00 UTC\s+in 2h 14m\s+ok\s+lasts until the reset/);
    assert.match(text, /openai\s+main\s+account\s+-\s+-\s+-\s+-\s+-\s+-\s+error: key rejected/);
    assert.match(text, /not configured: anthropic, minimax/);
  });

  it("shows a window's note beside its status in the table and in Slack", () => {
    const r = report([zaiWindow({ provider: "minimax", account: "plan", window: "general weekly", usedPct: 45, used: null, limit: null, remaining: null, note: "allowance boosted ×1.5" })]);
    assert.match(quotaText(r), /general weekly\s+-\s+-\s+-\s+45%.*ok \(allowance boosted ×1\.5\)/);
    assert.match(JSON.stringify(quotaBlocks(r)), /`general weekly` \*45%\* used .* · allowance boosted ×1\.5/);
  });

  it("counts exhausted and errored windows as unhealthy, low ones not", () => {
    assert.deepEqual(["ok", "low", "exhausted", "error"].map((status) => isUnhealthy({ status: status as "ok" })), [false, false, true, true]);
  });

  it("says so when no account is configured at all", () => {
    const r = buildQuotaReport({ checks: [], notConfigured: ["anthropic", "openai", "zai", "minimax"], now, history: () => [], forecast: () => null });
    assert.match(quotaText(r), /^No AI API accounts configured\.\nnot configured: anthropic, openai, zai, minimax/);
    assert.match(JSON.stringify(quotaBlocks(r)), /No AI API accounts configured/);
  });

  it("renders Block Kit per account, the reset in the reader's time zone, within Slack's limits", () => {
    const blocks = quotaBlocks(report());
    const json = JSON.stringify(blocks);
    assert.match(json, /\*Quota: 3 windows\*, 1 exhausted, 1 error/);
    assert.match(json, /\*zai · glm\*/);
    assert.match(json, /<!date\^1796047200\^\{date_short_pretty\} \{time\}\|2026-11-30 14:00 UTC>/);
    assert.match(json, /:warning: `account` error: key rejected/);
    assert.match(json, /not configured: anthropic, minimax/);
    const many = report(Array.from({ length: 400 }, (_, i) => zaiWindow({ account: `acct-${i}`, window: `window with a long name ${i}`.padEnd(60, ".") })));
    const big = quotaBlocks(many);
    assert.ok(big.length <= 50, `${big.length} blocks`);
    for (const b of big) assert.ok(JSON.stringify(b).length < 3100);
  });
});
