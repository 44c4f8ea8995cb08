// Preloaded into the compiled bot by the loop bench (`node --import <this> dist/main.js`): the
// bot's own event loop measured over a window the bench chooses, which the bot's heartbeat (every
// 30 s, max since start) cannot give. Plain JavaScript, so the bot still runs with no TypeScript
// loader. On SIGUSR2 it writes the window's max and p99 delay (beyond the sampling interval, as
// src/loop-monitor.ts counts them) and the process's RSS to $OYSTER_BENCH_PROBE_OUT, then starts a
// new window. One more histogram timer every 10 ms is all it adds to the bot.
import { writeFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const out = process.env.OYSTER_BENCH_PROBE_OUT;
const RESOLUTION_MS = 10;
const h = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
h.enable();
let seq = 0;
let since = performance.now();

if (out) {
  process.on("SIGUSR2", () => {
    const beyond = (ns) => (h.count > 0 ? Math.max(0, ns / 1e6 - RESOLUTION_MS) : 0);
    const now = performance.now();
    const doc = { seq: ++seq, windowMs: now - since, maxMs: beyond(h.max), p99Ms: beyond(h.percentile(99)), samples: h.count, rssMb: process.memoryUsage().rss / 1e6 };
    writeFileSync(out, `${JSON.stringify(doc)}\n`);
    h.reset();
    since = now;
  });
}
