// quota history as text: a sparkline per window on a fixed 0-100 scale, time-bucketed, gaps kept.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { historyBlocks, historyText } from "../../../src/monitor/render/history-text.ts";
import { historySeries } from "../../../src/monitor/render/history.ts";
import { sparkline } from "../../../src/monitor/render/sparkline.ts";
import { sampleSeries } from "../../helpers/quota-samples-fixture.ts";

describe("sparkline", () => {
  it("draws 0% as the lowest bar and 100% (or more) as the highest, on a fixed scale", () => {
    assert.equal(sparkline([{ t: 0, v: 0 }, { t: 1, v: 50 }, { t: 2, v: 100 }, { t: 3, v: 140 }], 0, 3, 4), "▁▄██");
  });

  it("leaves a bucket without a number blank and keeps the highest value of a bucket", () => {
    assert.equal(sparkline([{ t: 0, v: 10 }, { t: 0.5, v: 70 }, { t: 1, v: null }, { t: 2, v: 10 }], 0, 3, 3), "▆ ▁");
  });
});

describe("quota history text", () => {
  it("shows each window's latest, lowest and highest used % and a sparkline", () => {
    const samples = [
      ...sampleSeries("2026-11-30T00:00:00Z", "2026-11-30T10:00:00Z", 60, (h) => h * 10),
      ...sampleSeries("2026-11-30T00:00:00Z", "2026-11-30T10:00:00Z", 60, () => 45, { provider: "openai", account: "main", window: "tokens" }),
    ];
    const d = { since: "2026-11-30T00:00:00.000Z", until: "2026-11-30T10:00:00.000Z", hours: 10, account: null, samples };
    assert.equal(historySeries(samples).length, 2);
    const text = historyText(d);
    assert.match(text, /zai\s+glm\s+5h tokens\s+100%\s+0%\s+100%\s+11\s+\|▁/);
    assert.match(text, /openai\s+main\s+tokens\s+45%\s+45%\s+45%\s+11\s+\|▄+/);
    const blocks = JSON.stringify(historyBlocks(d));
    assert.match(blocks, /zai:glm 5h tokens/);
  });

  it("says how samples get recorded when there are none", () => {
    assert.match(historyText({ since: "2026-11-30T00:00:00.000Z", until: "2026-11-30T10:00:00.000Z", hours: 10, account: "glm", samples: [] }), /for glm.*\nNo samples yet/);
  });
});
