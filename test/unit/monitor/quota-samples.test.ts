// The monitor's history in a real state.db: what a check records comes back as it went in, per
// account and window, newest per window, and old samples are pruned.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { QuotaSamples } from "../../../src/monitor/quota-samples.ts";
import type { QuotaWindow } from "../../../src/monitor/types.ts";
import { openStore } from "../../../src/store/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const window = (over: Partial<QuotaWindow>): QuotaWindow => ({
  provider: "zai", account: "glm", window: "5h tokens", windowSeconds: 18_000, used: 127_694_464, limit: 800_000_000,
  remaining: 672_305_536, usedPct: 15, resetsAt: "2026-02-09T14:46:42.389Z", status: "ok", ...over,
});

describe("QuotaSamples", () => {
  it("returns recorded windows as they went in, oldest first, filtered by account", () => {
    const store = openStore(tmpDir());
    const samples = new QuotaSamples(store.db);
    samples.record(new Date("2026-11-30T10:00:00Z"), [window({}), window({ provider: "openai", account: "main", window: "requests", windowSeconds: null, used: null, limit: null, remaining: null, usedPct: null, resetsAt: null, status: "error", errorKind: "key_rejected", detail: "key rejected", raw: "{}" })]);
    samples.record(new Date("2026-11-30T10:05:00Z"), [window({ used: 200_000_000, usedPct: 25 })]);
    const glm = samples.list({ since: new Date("2026-11-30T00:00:00Z"), account: "glm" });
    assert.deepEqual(glm.map((s) => [s.at, s.usedPct]), [["2026-11-30T10:00:00.000Z", 15], ["2026-11-30T10:05:00.000Z", 25]]);
    const { id: _id, at: _at, ...first } = glm[0]!;
    assert.deepEqual(first, window({}));
    const main = samples.list({ since: new Date(0), provider: "openai" });
    assert.equal(main.length, 1);
    assert.equal(main[0]!.errorKind, "key_rejected");
    assert.equal(main[0]!.limit, null);
    store.close();
  });

  it("gives the newest sample of each window and prunes the old ones", () => {
    const store = openStore(tmpDir());
    const samples = new QuotaSamples(store.db);
    samples.record(new Date("2026-11-01T10:00:00Z"), [window({ usedPct: 90 })]);
    samples.record(new Date("2026-11-30T10:00:00Z"), [window({ usedPct: 10 }), window({ window: "weekly", usedPct: 50 })]);
    assert.deepEqual(samples.latest().map((s) => [s.window, s.usedPct]), [["5h tokens", 10], ["weekly", 50]]);
    assert.equal(samples.prune(new Date("2026-11-16T00:00:00Z")), 1);
    assert.equal(samples.list({ since: new Date(0) }).length, 2);
    store.close();
  });
});
