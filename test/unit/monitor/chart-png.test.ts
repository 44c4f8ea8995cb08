// The quota chart: an SVG drawn by hand, rendered by the real resvg binary, read back as a PNG
// chunk by chunk (CRCs, IHDR size, image data inflated to the promised length).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { quotaHistoryPng, quotaHistorySvg } from "../../../src/monitor/chart/quota-chart.ts";
import type { HistoryData } from "../../../src/monitor/render/history.ts";
import { readPng } from "../../helpers/png-check.ts";
import { sampleSeries } from "../../helpers/quota-samples-fixture.ts";

const day = (samples: HistoryData["samples"]): HistoryData => ({ since: "2026-11-29T12:00:00.000Z", until: "2026-11-30T12:00:00.000Z", hours: 24, account: null, samples });

describe("quota history chart", () => {
  it("renders a valid PNG of the requested size that decodes", () => {
    const samples = [
      ...sampleSeries("2026-11-29T12:00:00Z", "2026-11-30T12:00:00Z", 5, (h) => (h % 5) * 20),
      ...sampleSeries("2026-11-29T12:00:00Z", "2026-11-30T12:00:00Z", 5, (h) => 30 + h, { provider: "openai", account: "main", window: "tokens" }),
    ];
    const png = quotaHistoryPng(day(samples), [80, 95], { width: 800, height: 400 });
    const info = readPng(png);
    assert.deepEqual([info.width, info.height], [800, 400]);
    assert.ok(info.chunks.includes("IDAT"), info.chunks.join(","));
  });

  it("draws one line per window, breaks it where a check gave no number, and dashes the thresholds", () => {
    const samples = sampleSeries("2026-11-29T12:00:00Z", "2026-11-29T14:00:00Z", 10, (h) => (h > 0.9 && h < 1.1 ? null : 40));
    const svg = quotaHistorySvg(day(samples), [80, 95]);
    assert.equal(svg.match(/<polyline /g)?.length, 2, "a gap splits the line in two");
    assert.equal(svg.match(/stroke-dasharray/g)?.length, 2);
    assert.match(svg, /zai:glm 5h tokens/);
  });

  it("escapes labels, so an account name cannot break the SVG", () => {
    const samples = sampleSeries("2026-11-29T12:00:00Z", "2026-11-29T13:00:00Z", 10, () => 10, { account: `<a&b "c">` });
    const svg = quotaHistorySvg(day(samples), []);
    assert.match(svg, /zai:&lt;a&amp;b &quot;c&quot;&gt;/);
    assert.deepEqual(readPng(quotaHistoryPng(day(samples), [], { width: 300, height: 200 })).width, 300);
  });

  it("renders an empty history as a valid (empty) chart", () => {
    assert.equal(readPng(quotaHistoryPng(day([]), [80], { width: 400, height: 300 })).height, 300);
  });
});
