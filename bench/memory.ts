// The bot's memory over a long run: bench/memory-bot.ts (the bot's wiring, Slack on over Socket
// Mode against the stand-in) bundled to plain JavaScript the way scripts/build.mjs bundles dist/,
// run with `node --expose-gc`, doing 1,000 guardian runs back to back over a fresh 20-node rig
// through the scheduler's own path (a faked period: no sleeps). RSS is sampled after start and
// every 100 runs, before and after a full GC; growth is the least-squares slope of the after-GC
// RSS (and JS heap) over the last 500 runs. The same harness through tsx, stopped right after
// start, gives the start-up RSS the build saves. Alone: `npm run bench -- memory`.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { makeFleet } from "../test/helpers/fleet-fixture.ts";
import { startRig } from "../test/helpers/rig/index.ts";
import { startStandIn } from "../test/helpers/slack-standin/index.ts";
import { TSX_LOADER } from "../test/helpers/spawn-tsx.ts";
import { CONCURRENCY, CONNECT_TIMEOUT_S } from "./fleet.ts";
import { expect, stats, target, type Row } from "./measure.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
// Under the project's node_modules, so the bundle's external packages resolve as dist/'s do.
const OUT = join(ROOT, "node_modules/.cache/oyster-bench");
const RSS_TARGET_MB = 150;
/** "Not growing": the fitted after-GC RSS rises by less than this over the last 500 runs. */
const GROWTH_TOLERANCE_MB = 2;

interface Sample {
  runs: number;
  rssMb: number;
  rssGcMb: number;
  heapGcMb: number;
  externalGcMb: number;
  failed?: number;
  lastSummary?: string;
  msPerRun?: number;
  loopMaxMs?: number;
}

/** The harness and the SQLite worker, as scripts/build.mjs builds dist/ (packages external but zod). */
async function bundle(): Promise<string> {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  const external = Object.keys(pkg.dependencies).filter((n) => n !== "zod").flatMap((n) => [n, `${n}/*`]);
  await build({
    entryPoints: { "memory-bot": join(ROOT, "bench/memory-bot.ts"), "sqlite-worker": join(ROOT, "src/dispatch/sqlite-worker.ts") },
    outdir: OUT, bundle: true, splitting: true, format: "esm", platform: "node", target: "node20",
    minifyWhitespace: true, minifySyntax: true, external, logLevel: "warning",
  });
  return join(OUT, "memory-bot.js");
}

/** Runs the harness to its end, collecting its samples; `onSample` sees each as it comes. */
function runHarness(args: string[], env: NodeJS.ProcessEnv, onSample: (s: Sample) => void, timeoutMs: number): Promise<{ samples: Sample[]; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    const killer = () => child.kill("SIGKILL");
    process.on("exit", killer);
    const timer = setTimeout(killer, timeoutMs);
    const samples: Sample[] = [];
    let buf = "";
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.on("data", (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        try {
          const doc = JSON.parse(line) as Sample & { done?: boolean };
          if (!doc.done) {
            samples.push(doc);
            onSample(doc);
          }
        } catch {
          stderr += `${line}\n`;
        }
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      process.off("exit", killer);
      resolve({ samples, code, stderr });
    });
  });
}

/** Least-squares slope of y over x. */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const num = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const den = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

export async function memoryBench(nodes: number, runs: number, every: number, log: (s: string) => void): Promise<Row[]> {
  log("memory: bundling bench/memory-bot.ts as dist/ is bundled...");
  const harness = await bundle();
  log(`memory: starting a ${nodes}-node rig and the Slack stand-in...`);
  const rig = await startRig(nodes);
  const standIn = await startStandIn().catch(async (err: unknown) => {
    await rig.close();
    throw err;
  });
  try {
    const f = makeFleet(rig, { ssh: { connectTimeoutMs: CONNECT_TIMEOUT_S * 1000, concurrency: CONCURRENCY } });
    const env = { ...f.env, SLACK_BOT_TOKEN: "xoxb-bench-token-0000", SLACK_APP_TOKEN: "xapp-bench-token-0000", SLACK_API_URL: standIn.apiUrl };

    log("memory: the same bot through tsx, stopped after start, for the start-up RSS it costs...");
    const tsx = await runHarness(["--expose-gc", "--import", TSX_LOADER, "bench/memory-bot.ts", "0", String(every)], env, () => {}, 60_000);
    expect(tsx.code === 0 && tsx.samples.length === 1, `memory: the tsx bot exited ${tsx.code} with ${tsx.samples.length} samples: ${tsx.stderr.slice(-300)}`);

    log(`memory: ${runs} guardian runs over ${nodes} nodes in the compiled bot, RSS every ${every}...`);
    const opened = standIn.connectionsOpened;
    const res = await runHarness(["--expose-gc", harness, String(runs), String(every)], env, (s) => {
      if (s.runs > 0) log(`memory: ${s.runs} runs, RSS ${s.rssMb.toFixed(1)} MB (${s.rssGcMb.toFixed(1)} after GC), heap ${s.heapGcMb.toFixed(1)} MB, ${s.msPerRun!.toFixed(0)} ms/run${s.failed ? `, ${s.failed} not ok: ${s.lastSummary}` : ""}`);
    }, 900_000);
    const samples = res.samples;
    expect(res.code === 0 && samples.length === 1 + Math.floor(runs / every), `memory: the bot exited ${res.code} with ${samples.length} samples: ${res.stderr.slice(-500)}`);
    const last = samples.at(-1)!;
    // The first run creates dispatch.db (db_schema's fix) and may count as not ok; every later one must pass.
    expect((last.failed ?? 0) <= 1, `memory: ${last.failed} of ${runs} guardian runs were not ok (last: ${last.lastSummary})`);
    expect(standIn.connectionsOpened === opened + 1, `memory: the bot opened ${standIn.connectionsOpened - opened} Socket Mode connections, expected 1`);

    const start = samples[0]!;
    const tail = samples.filter((s) => s.runs >= runs - 500);
    const rssGrowth = slope(tail.map((s) => [s.runs, s.rssGcMb])) * 500;
    const heapGrowth = slope(tail.map((s) => [s.runs, s.heapGcMb])) * 500;
    const peak = Math.max(...samples.map((s) => s.rssMb));
    target("memory", `RSS <= ${RSS_TARGET_MB} MB after ${runs} guardian runs`, `${last.rssMb.toFixed(0)} MB (${last.rssGcMb.toFixed(0)} after GC; peak sample ${peak.toFixed(0)}; ${start.rssMb.toFixed(0)} after start)`, last.rssMb <= RSS_TARGET_MB && peak <= RSS_TARGET_MB);
    target("memory", `RSS not growing over the last 500 runs (fit < ${GROWTH_TOLERANCE_MB} MB)`, `${rssGrowth >= 0 ? "+" : ""}${rssGrowth.toFixed(2)} MB per 500 runs after GC (heap ${heapGrowth >= 0 ? "+" : ""}${heapGrowth.toFixed(2)} MB)`, rssGrowth < GROWTH_TOLERANCE_MB);

    const mb = (x: number) => stats([x]);
    const t = tsx.samples[0];
    return [
      ...(t ? [{ scenario: "bot RSS after start (Slack on): compiled vs tsx", oyster: mb(start.rssMb), baseline: mb(t.rssMb), unit: "MB", digits: 0, ratioWords: ["smaller", "(larger)"] as [string, string] }] : []),
      { scenario: `bot RSS after ${runs} guardian runs over ${nodes} nodes (before GC)`, oyster: mb(last.rssMb), unit: "MB", digits: 0 },
      { scenario: `bot RSS over the ${runs} runs, after GC, every ${every}: median (min-max)`, oyster: stats(samples.slice(1).map((s) => s.rssGcMb)), unit: "MB", digits: 0 },
      { scenario: "bot RSS growth over the last 500 runs (after GC, least squares)", oyster: mb(rssGrowth), unit: "MB", digits: 2 },
      { scenario: "bot JS heap growth over the last 500 runs (after GC, least squares)", oyster: mb(heapGrowth), unit: "MB", digits: 2 },
      { scenario: `guardian run over ${nodes} nodes, kept connections, mean of ${runs}`, oyster: mb(last.msPerRun!), digits: 0 },
    ];
  } finally {
    await standIn.close();
    await rig.close();
  }
}
