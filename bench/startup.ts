// CLI start-up as a terminal user pays it, compiled against the sources through tsx, side by side:
// `oyster help` (process start, no config, no SSH) and `oyster status --json` over the 20-node
// fleet as a fresh process, against `xargs -P16 ssh`. Compiled is bin/oyster.js (dist/, plain
// node); tsx is bench/tsx-oyster.mjs, the bin as it was before the build (74d476c), on the same
// sources. Each process runs under /usr/bin/time, when the machine has it, for its CPU time
// (user+sys) and peak RSS. Everything is measured round-robin. Those rows run with no bot; then
// the compiled bot is started and `oyster status` is measured through it, healthy and with one
// node hung (bench/startup-bot.ts). Alone: `npm run bench -- startup`.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { StatusData } from "../commands/status.ts";
import { xargsFanOut } from "./baselines.ts";
import type { Fleet } from "./fleet.ts";
import { expect, stats, target, timed, type Row, type Stats } from "./measure.ts";
import { startupThroughBot } from "./startup-bot.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const TIME = "/usr/bin/time";
const BINS = { compiled: "bin/oyster.js", tsx: "bench/tsx-oyster.mjs" } as const;
type Variant = keyof typeof BINS;

const HELP_TARGET_MS = 250;
const STATUS_TARGET_MS = 500;
const STATUS_VS_XARGS = 2;

export interface Sample {
  wall: number;
  /** user + sys, ms; NaN without /usr/bin/time. */
  cpu: number;
  /** Peak RSS, MB; NaN without /usr/bin/time. */
  rssMb: number;
}

export type OysterRun = Sample & { code: number | null; stdout: string; stderr: string };

/** One fresh CLI process, timed from spawn to exit, with its CPU and peak RSS from time(1). */
async function oysterProcess(fleet: Fleet, variant: Variant, argv: string[], env: NodeJS.ProcessEnv = fleet.env): Promise<OysterRun> {
  const useTime = existsSync(TIME);
  const out = join(fleet.dir, `startup-time-${variant}.txt`);
  rmSync(out, { force: true });
  const cmd = [process.execPath, BINS[variant], ...argv];
  // time(1) adds one fork+exec (~1 ms) to the wall figure, the same for every variant.
  const r = useTime ? await timed(TIME, ["-o", out, "-f", "%U %S %M", ...cmd], { env, cwd: ROOT }) : await timed(cmd[0]!, cmd.slice(1), { env, cwd: ROOT });
  let cpu = NaN;
  let rssMb = NaN;
  if (useTime) {
    // A non-zero exit adds a "Command exited with non-zero status" line before ours.
    const [u, s, m] = readFileSync(out, "utf8").trim().split("\n").at(-1)!.split(/\s+/).map(Number);
    cpu = (u! + s!) * 1000;
    rssMb = (m! * 1024) / 1e6;
  }
  return { wall: r.ms, cpu, rssMb, code: r.code, stdout: r.stdout, stderr: r.stderr };
}

function help(fleet: Fleet, variant: Variant): () => Promise<Sample> {
  return async () => {
    const r = await oysterProcess(fleet, variant, ["help"]);
    expect(r.code === 0 && /status/.test(r.stdout), `oyster help (${variant}): exit ${r.code}, ${r.stderr.trim().slice(0, 200)}`);
    return r;
  };
}

function status(fleet: Fleet, variant: Variant): () => Promise<Sample> {
  return async () => {
    const r = await oysterProcess(fleet, variant, ["status", "--json"]);
    let up = -1;
    try {
      up = (JSON.parse(r.stdout) as StatusData).nodes.filter((n) => n.reachable).length;
    } catch {
      // up stays -1: reported below
    }
    expect(r.code === 0 && up === fleet.names.length, `oyster status --json (${variant}): exit ${r.code}, ${up} of ${fleet.names.length} reachable: ${r.stderr.trim().slice(0, 200)}`);
    return r;
  };
}

/** Round-robin like measure.ts's rounds(), keeping every figure of each sample. */
async function sampleRounds<K extends string>(runs: number, fns: Record<K, () => Promise<Sample>>): Promise<Record<K, Sample[]>> {
  const out = {} as Record<K, Sample[]>;
  for (let i = 0; i < runs; i++) for (const k of Object.keys(fns) as K[]) (out[k] ??= []).push(await fns[k]());
  return out;
}

const of = (xs: Sample[], k: keyof Sample): Stats => stats(xs.map((x) => x[k]));
const ms = (s: Stats) => `${s.median.toFixed(0)} ms`;

export async function startupBench(fleet: Fleet, helpRuns: number, statusRuns: number, log: (s: string) => void): Promise<Row[]> {
  const n = fleet.names.length;
  const timed1 = existsSync(TIME);
  if (!timed1) log(`${TIME} is missing: CPU and peak RSS rows are skipped (wall only)`);
  // tsx compiles on first use and caches the result: fill its cache (and the page cache for both)
  // before timing anything, so tsx is measured as a user meets it from the second run on.
  for (const v of Object.keys(BINS) as Variant[]) {
    await help(fleet, v)();
    await status(fleet, v)();
  }
  log(`startup: oyster help, compiled vs tsx, ${helpRuns} runs each...`);
  const h = await sampleRounds(helpRuns, { compiled: help(fleet, "compiled"), tsx: help(fleet, "tsx") });
  const bare = await sampleRounds(helpRuns, { node: async () => ({ wall: (await timed(process.execPath, ["-e", "0"])).ms, cpu: NaN, rssMb: NaN }) });
  log(`startup: oyster status --json over ${n} nodes, compiled vs tsx vs xargs -P16 ssh, ${statusRuns} runs each...`);
  const xargs = xargsFanOut(fleet, n);
  const s = await sampleRounds(statusRuns, {
    compiled: status(fleet, "compiled"),
    tsx: status(fleet, "tsx"),
    xargs: async () => ({ wall: await xargs(), cpu: NaN, rssMb: NaN }),
  });

  const helpC = of(h.compiled, "wall");
  const statusC = of(s.compiled, "wall");
  const xargsW = of(s.xargs, "wall");
  const vsXargs = xargsW.median / statusC.median;
  target("startup", `oyster help (compiled, new process) <= ${HELP_TARGET_MS} ms wall`, `${ms(helpC)} (tsx ${ms(of(h.tsx, "wall"))}, ${(of(h.tsx, "wall").median / helpC.median).toFixed(1)}x)`, helpC.median <= HELP_TARGET_MS);
  target("startup", `oyster status --json, ${n} nodes, new process <= ${STATUS_TARGET_MS} ms`, `${ms(statusC)} (tsx ${ms(of(s.tsx, "wall"))})`, statusC.median <= STATUS_TARGET_MS);
  target("startup", `oyster status --json >= ${STATUS_VS_XARGS}x faster than xargs -P16 ssh`, `${vsXargs.toFixed(2)}x (xargs ${ms(xargsW)})`, vsXargs >= STATUS_VS_XARGS);

  const rows: Row[] = [
    { scenario: `bare node -e 0, for scale [${helpRuns} runs]`, oyster: of(bare.node, "wall") },
    { scenario: `oyster help, new process, wall: compiled vs tsx [${helpRuns} runs]`, oyster: helpC, baseline: of(h.tsx, "wall") },
  ];
  if (timed1) {
    rows.push(
      { scenario: "oyster help, new process, CPU user+sys: compiled vs tsx", oyster: of(h.compiled, "cpu"), baseline: of(h.tsx, "cpu"), unit: "CPU ms", digits: 0, ratioWords: ["less", "(more)"] },
      { scenario: "oyster help, new process, peak RSS: compiled vs tsx", oyster: of(h.compiled, "rssMb"), baseline: of(h.tsx, "rssMb"), unit: "MB", digits: 0, ratioWords: ["smaller", "(larger)"] },
    );
  }
  rows.push(
    { scenario: `oyster status --json, ${n} healthy, new process: compiled vs xargs -P16 ssh [${statusRuns} runs]`, oyster: statusC, baseline: xargsW },
    { scenario: `oyster status --json, ${n} healthy, new process: tsx vs xargs -P16 ssh`, oyster: of(s.tsx, "wall"), baseline: xargsW },
    { scenario: `oyster status --json, ${n} healthy, new process: compiled vs tsx`, oyster: statusC, baseline: of(s.tsx, "wall") },
  );
  if (timed1) {
    rows.push(
      { scenario: `oyster status --json, ${n} healthy, CPU user+sys: compiled vs tsx`, oyster: of(s.compiled, "cpu"), baseline: of(s.tsx, "cpu"), unit: "CPU ms", digits: 0, ratioWords: ["less", "(more)"] },
      { scenario: `oyster status --json, ${n} healthy, peak RSS: compiled vs tsx`, oyster: of(s.compiled, "rssMb"), baseline: of(s.tsx, "rssMb"), unit: "MB", digits: 0, ratioWords: ["smaller", "(larger)"] },
    );
  }
  // The rows above ran with no bot (a fresh dial, as before issue 25); now the running bot answers.
  rows.push(...(await startupThroughBot(fleet, (argv, env) => oysterProcess(fleet, "compiled", argv, env), helpRuns, log)));
  return rows;
}
