// quota watch: a fresh table each interval until Ctrl-C (an aborted signal), which stops it at
// once, even in the middle of a wait or a check.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildQuotaReport, type QuotaReport } from "../../../src/monitor/render/quota-report.ts";
import { watchQuota } from "../../../src/monitor/render/watch-loop.ts";
import { zaiWindow } from "../../helpers/quota-samples-fixture.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

const now = new Date("2026-11-30T12:00:00.000Z");
const report = (pct: number): QuotaReport =>
  buildQuotaReport({ checks: [{ provider: "zai", account: "glm", checkedAt: now.toISOString(), windows: [zaiWindow({ usedPct: pct })] }], notConfigured: [], now, history: () => [], forecast: () => null });

describe("watchQuota", () => {
  it("draws a fresh table every interval, clearing the terminal, until aborted mid-wait", async () => {
    const written: string[] = [];
    const controller = new AbortController();
    let checks = 0;
    const done = watchQuota({ check: async () => report(10 * ++checks), out: { write: (s: string) => written.push(s), isTTY: true }, intervalMs: 20, signal: controller.signal, now: () => now });
    await waitUntil(() => written.length >= 3, "three tables");
    controller.abort();
    const rounds = await done;
    assert.equal(rounds, written.length);
    assert.ok(written.every((w) => w.startsWith("\x1b[2J\x1b[H") && /Ctrl-C to stop/.test(w)));
    assert.match(written[0]!, /zai\s+glm\s+5h tokens.*10%/);
    assert.match(written[2]!, /zai\s+glm\s+5h tokens.*30%/);
  });

  it("stops during a check that has not answered, and never clears a pipe", async () => {
    const written: string[] = [];
    const controller = new AbortController();
    let calls = 0;
    const done = watchQuota({
      check: () => (++calls === 1 ? Promise.resolve(report(5)) : new Promise<QuotaReport>(() => {})),
      out: { write: (s: string) => written.push(s), isTTY: false }, intervalMs: 10, signal: controller.signal,
    });
    await waitUntil(() => calls === 2, "the second check");
    controller.abort();
    assert.equal(await done, 1);
    assert.ok(!written[0]!.includes("\x1b[2J"));
  });
});
