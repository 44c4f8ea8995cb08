// The bot as src/main.ts wires it (runtime, Slack over Socket Mode when its env is set, delivery,
// scheduler, loop monitor, heartbeat), with the guardian's period faked: instead of the
// scheduler's timer firing every interval_seconds, `scheduler.runJob("guardian", "schedule")`
// runs back to back, RUNS times, the very path the timer takes (lock, job_runs row, the job, its
// alerts and housekeeping). The memory bench bundles this file with esbuild as scripts/build.mjs
// bundles dist/ and runs it with plain node --expose-gc; it prints one JSON line per sample:
// after start (before the first run), then every EVERY runs, RSS before and after a full GC.
// Not part of the product.
import { commands } from "../commands/index.ts";
import { jobs } from "../jobs/index.ts";
import { wireDelivery } from "../src/delivery-wiring.ts";
import { slackSetup } from "../src/env.ts";
import { LoopMonitor } from "../src/loop-monitor.ts";
import { openRuntime } from "../src/runtime.ts";
import { Scheduler } from "../src/scheduler.ts";
import { createSlackApp } from "../src/slack/app.ts";
import { BotPresence } from "../src/store/bot-presence.ts";

const RUNS = Number(process.argv[2] ?? 1000);
const EVERY = Number(process.argv[3] ?? 100);
const gc = (globalThis as { gc?: () => void }).gc;

function sample(runs: number, extra: Record<string, unknown> = {}): void {
  const raw = process.memoryUsage();
  gc?.();
  const after = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ runs, rssMb: raw.rss / 1e6, rssGcMb: after.rss / 1e6, heapGcMb: after.heapUsed / 1e6, externalGcMb: after.external / 1e6, ...extra })}\n`);
}

const rt = openRuntime({ stderrLevel: "warn" });
const { log, store, config } = rt;
const slack = slackSetup(rt.env.slack, config.oyster.slack.mode);
const bolt = slack.enabled
  ? createSlackApp(slack, { config, store, ssh: rt.ssh, log, env: process.env, dataDir: rt.env.dataDir, commands, now: () => new Date() }, { port: config.oyster.slack.port })
  : undefined;
const { notifier, reportSink, delivery } = await wireDelivery(rt, bolt?.app.client);
bolt?.setDelivery({ notifier, reportSink });
delivery.deliverer.start();
const scheduler = new Scheduler(jobs, { config, ssh: rt.ssh, store, log, owner: "bot", dataDir: rt.env.dataDir, notifier, reportSink });
const loop = new LoopMonitor({ log: log.child({ subsystem: "event-loop" }), runningJobs: () => scheduler.runningJobs });
loop.start();
const presence = new BotPresence(store.db, () => new Date(), () => loop.stats());
presence.start();
// scheduler.start() is left out on purpose: its timers are what this loop replaces.
if (bolt) await bolt.start();
sample(0);

let failed = 0;
let lastSummary = "";
const t0 = performance.now();
for (let i = 1; i <= RUNS; i++) {
  const outcome = await scheduler.runJob("guardian", "schedule");
  if (!outcome.ran || !outcome.result.ok) {
    failed++;
    lastSummary = outcome.ran ? outcome.result.summary : outcome.reason;
  }
  if (i % EVERY === 0) sample(i, { failed, lastSummary, msPerRun: (performance.now() - t0) / i, loopMaxMs: loop.stats().maxMs });
}

await scheduler.stop(5_000);
await delivery.close(5_000);
await bolt?.stop();
presence.stop();
loop.stop();
await rt.close();
process.stdout.write(`${JSON.stringify({ done: true, failed })}\n`);
// Anything still holding the event loop (a socket in its close handshake) must not keep it waiting.
setTimeout(() => process.exit(), 2000).unref();
