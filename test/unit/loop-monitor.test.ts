import assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { describe, it } from "node:test";
import { LoopMonitor } from "../../src/loop-monitor.ts";
import { memoryLogger } from "../helpers/quiet-log.ts";
import { waitUntil } from "../helpers/wait-until.ts";

/** Blocks the event loop for real: the stall under test, not a sleep. */
function blockFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

function setup(running: () => string[], opts: { clock?: () => number; now?: () => Date } = {}) {
  const { log, lines } = memoryLogger("info");
  const monitor = new LoopMonitor({ log, runningJobs: running, stallMs: 200, tickMs: 50, resolutionMs: 10, ...opts });
  monitor.start();
  const afterTicks = (n: number) => {
    const target = monitor.ticks + n;
    return waitUntil(() => monitor.ticks >= target, `${n} ticks`);
  };
  return { monitor, lines, afterTicks };
}

describe("event-loop monitor", () => {
  it("logs a stall over 200 ms with the names of the jobs running", async () => {
    const m = setup(() => ["backup", "guardian"]);
    try {
      await m.afterTicks(1);
      blockFor(300);
      const line = await waitUntil(() => m.lines.find((l) => l.includes("event loop stalled")), "a stall line");
      assert.match(line, /WARN event loop stalled while jobs ran/);
      assert.match(line, /running=\["backup","guardian"\]/);
      const stalled = Number(/stalledMs=(\d+)/.exec(line)?.[1]);
      assert.ok(stalled >= 200 && stalled < 1000, `stalledMs=${stalled}`);
    } finally {
      m.monitor.stop();
    }
  });

  it("names a job that blocked at its very end and was gone by the time the timer fired", async () => {
    let running = ["backup"];
    const m = setup(() => running);
    try {
      await m.afterTicks(1);
      running = [];
      blockFor(300);
      const line = await waitUntil(() => m.lines.find((l) => l.includes("event loop stalled")), "a stall line");
      assert.match(line, /running=\["backup"\]/);
    } finally {
      m.monitor.stop();
    }
  });

  it("says no job was running when none was", async () => {
    const m = setup(() => []);
    try {
      await m.afterTicks(1);
      blockFor(300);
      const line = await waitUntil(() => m.lines.find((l) => l.includes("event loop stalled")), "a stall line");
      assert.match(line, /event loop stalled; no job was running/);
    } finally {
      m.monitor.stop();
    }
  });

  it("does not log a delay under the threshold", async () => {
    const m = setup(() => ["guardian"]);
    try {
      await m.afterTicks(1);
      blockFor(100);
      await m.afterTicks(3);
      assert.deepEqual(m.lines.filter((l) => l.includes("stalled")), []);
    } finally {
      m.monitor.stop();
    }
  });

  it("reports the max and p99 delay beyond the sampling interval since start", async () => {
    const since = new Date("2026-03-01T10:00:00Z");
    const m = setup(() => [], { now: () => since });
    try {
      await m.afterTicks(2);
      const idle = m.monitor.stats();
      assert.equal(idle.since, "2026-03-01T10:00:00.000Z");
      assert.ok(idle.maxMs < 200, `idle max ${idle.maxMs} ms`);
      blockFor(300);
      await m.afterTicks(2);
      const after = m.monitor.stats();
      assert.ok(after.maxMs >= 250 && after.maxMs < 1000, `max ${after.maxMs} ms`);
      assert.ok(after.p99Ms <= after.maxMs);
    } finally {
      m.monitor.stop();
    }
  });

  it("treats a timer hours late as a sleep: no stall line, stats start again from the wake", async () => {
    let shift = 0;
    let wall = new Date("2026-03-01T10:00:00Z");
    const m = setup(() => ["guardian"], { clock: () => performance.now() + shift, now: () => wall });
    try {
      await m.afterTicks(1);
      blockFor(300);
      await waitUntil(() => m.lines.find((l) => l.includes("event loop stalled")), "the stall line");
      wall = new Date("2026-03-01T12:00:00Z");
      shift = 2 * 3600_000;
      await waitUntil(() => m.lines.find((l) => l.includes("restarted after a sleep")), "the wake line");
      await m.afterTicks(2);
      assert.equal(m.lines.filter((l) => l.includes("event loop stalled")).length, 1, "the sleep is not a stall");
      const stats = m.monitor.stats();
      assert.equal(stats.since, "2026-03-01T12:00:00.000Z");
      assert.ok(stats.maxMs < 200, `the earlier 300 ms stall is before the wake; max ${stats.maxMs} ms`);
    } finally {
      m.monitor.stop();
    }
  });

  it("reports zeros before any sample", () => {
    const { log } = memoryLogger("silent");
    const monitor = new LoopMonitor({ log, runningJobs: () => [], now: () => new Date("2026-03-01T10:00:00Z") });
    assert.deepEqual(monitor.stats(), { maxMs: 0, p99Ms: 0, since: "2026-03-01T10:00:00.000Z" });
  });
});
