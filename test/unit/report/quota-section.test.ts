// The daily report's quota section from the monitor's samples in a real state.db: each account's
// windows (newest reading), the worst first, and any account exhausted in the last 24 h.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildReport } from "../../../src/report/build-report.ts";
import { renderText } from "../../../src/report/render/text.ts";
import { QuotaSamples } from "../../../src/monitor/quota-samples.ts";
import type { QuotaWindow } from "../../../src/monitor/types.ts";
import { hoursAgo, install, now } from "./fixture.ts";

const w = (provider: QuotaWindow["provider"], account: string, window: string, usedPct: number | null, over: Partial<QuotaWindow> = {}): QuotaWindow => ({
  provider, account, window, windowSeconds: null, used: null, limit: null, remaining: null, usedPct,
  resetsAt: "2026-11-27T12:00:00.000Z", status: usedPct === null ? "error" : usedPct >= 100 ? "exhausted" : usedPct >= 80 ? "low" : "ok", ...over,
});

describe("report quota section", () => {
  it("shows each account's windows worst first, and the accounts exhausted in the last 24 h", async () => {
    const inst = install({ providers: true });
    const samples = new QuotaSamples(inst.store.db);
    samples.record(new Date(hoursAgo(30)), [w("anthropic", "team", "tokens", 100)]);
    samples.record(new Date(hoursAgo(6)), [w("zai", "glm", "5h tokens", 100), w("zai", "glm", "weekly", 40)]);
    samples.record(new Date(hoursAgo(1)), [w("zai", "glm", "5h tokens", 12), w("zai", "glm", "weekly", 41), w("zai", "glm", "monthly", 55)]);
    samples.record(new Date(hoursAgo(1)), [w("anthropic", "team", "requests", 20), w("anthropic", "team", "tokens", 91), w("anthropic", "team", "output tokens", null, { detail: "timeout" })]);
    const r = await buildReport({ config: inst.config, store: inst.store, now, reachability: async () => [] });
    assert.equal(r.quota.state, "configured");
    if (r.quota.state !== "configured") return;
    assert.deepEqual(r.quota.accounts.map((a) => [`${a.provider}/${a.account}`, a.usedPercent, a.windows?.map((x) => x.window)]), [
      ["anthropic/team", 91, ["tokens", "requests", "output tokens"]],
      ["zai/glm", 55, ["monthly", "weekly", "5h tokens"]],
    ]);
    // The anthropic exhaustion was 30 h ago: outside the report's day.
    assert.deepEqual(r.quota.exhausted, [{ provider: "zai", account: "glm", windows: ["5h tokens"], lastAt: hoursAgo(6) }]);
    const text = renderText(r);
    assert.match(text, /^API quota +2 accounts; worst anthropic\/team tokens 91.0% \(resets 2026-11-27 12:00 UTC\); 1 exhausted in the last 24 h$/m);
    assert.match(text, /zai\/glm: 5h tokens \(last seen 2026-11-27 03:00 UTC\)/);
    inst.store.close();
  });

  it("says no data yet for a configured account the monitor has not read", async () => {
    const inst = install({ providers: true });
    const r = await buildReport({ config: inst.config, store: inst.store, now, reachability: async () => [] });
    assert.deepEqual(r.quota.state === "configured" && r.quota.accounts.map((a) => [a.account, a.note]), [["team", "no data yet"], ["glm", "no data yet"]]);
    assert.match(renderText(r), /^API quota +2 accounts: no data yet$/m);
    inst.store.close();
  });

  it("shows a window without a used % that read fine (spend today) by its status, not as an error", async () => {
    const inst = install({ providers: true });
    new QuotaSamples(inst.store.db).record(new Date(hoursAgo(1)), [
      w("anthropic", "team", "spend today", null, { status: "ok", used: 12.5 }),
      w("zai", "glm", "account", null, { detail: "no coding plan on this key", resetsAt: null }),
    ]);
    const text = renderText(await buildReport({ config: inst.config, store: inst.store, now, reachability: async () => [] }));
    assert.match(text, /anthropic\/team: spend today ok \(resets/);
    assert.match(text, /zai\/glm: account error \(no coding plan on this key\)/);
    inst.store.close();
  });
});
