// `oyster status` answered by the running bot over `<dataDir>/oyster.sock` (issue 25), in the same
// startup run: the compiled bot (`node dist/main.js`, as `npm start` runs it, Slack off) on the
// bench fleet's config and data dir, and the compiled CLI (bin/oyster.js, as the other startup
// rows spawn it) asking it. Healthy: round-robin with `oyster help` (the target's yardstick), the
// fresh CLI (OYSTER_NO_BOT=1, dialling every node itself) and `xargs -P16 ssh`. Then one node hung
// (SIGSTOP of its sshd tree): the bot learns it from one slow request (its kept connection to the
// node stalls), after which the CLI's answer names the node "not answering since" at once, while
// a fresh CLI and xargs each wait out a connect timeout for it.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import type { StatusData } from "../commands/status.ts";
import { compiledEntryPath } from "../src/startup/compiled-entry.ts";
import { waitUntil } from "../test/helpers/wait-until.ts";
import { xargsFanOut } from "./baselines.ts";
import type { Fleet } from "./fleet.ts";
import { expect, stats, target, type Row, type Stats } from "./measure.ts";
import type { OysterRun, Sample } from "./startup.ts";

const BOT_VS_HELP = 2;
const BOT_VS_XARGS = 6;
const HUNG_VS_HEALTHY = 2;
/** Fresh processes and xargs with a hung node each wait out the 5 s connect timeout: a few runs. */
const HUNG_SLOW_RUNS = 3;

interface Bot {
  stderr(): string;
  /** CLI requests the bot has taken over its socket (it logs one line each). */
  requests(): number;
  stop(): Promise<number | null>;
}

/** The compiled bot on the fleet's config and data dir, Slack and email off, up when it says "oyster running". */
async function startBot(fleet: Fleet): Promise<Bot> {
  // Nothing that would turn Slack or email on: the bench must never reach a real workspace.
  const env = Object.fromEntries(Object.entries(fleet.env).filter(([k]) => !/^(SLACK_|SMTP_)/.test(k)));
  // cwd: the fleet's dir, which has no .env (the bot loads one from its cwd).
  const child: ChildProcess = spawn(process.execPath, [compiledEntryPath("main")], { cwd: fleet.dir, env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = once(child, "exit");
  const killer = () => child.kill("SIGKILL");
  process.on("exit", killer);
  const bot: Bot = {
    stderr: () => stderr,
    requests: () => stderr.match(/answering a CLI request/g)?.length ?? 0,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      const [code] = (await exited) as [number | null];
      clearTimeout(timer);
      process.off("exit", killer);
      return code;
    },
  };
  try {
    await waitUntil(() => stderr.includes("oyster running") || child.exitCode !== null, () => `the bot to start; it said:\n${stderr}`, 30_000);
    if (child.exitCode !== null) throw new Error(`the bot exited ${child.exitCode}:\n${stderr}`);
    if (!stderr.includes("answering the CLI on its socket")) throw new Error(`the bot did not open its CLI socket:\n${stderr}`);
  } catch (err) {
    await bot.stop();
    throw err;
  }
  return bot;
}

/** One compiled CLI process (bin/oyster.js under time(1), as the other startup rows run it). */
export type RunOyster = (argv: string[], env: NodeJS.ProcessEnv) => Promise<OysterRun>;

interface StatusRun extends OysterRun {
  data: StatusData | undefined;
}

async function oysterStatus(run: RunOyster, env: NodeJS.ProcessEnv): Promise<StatusRun> {
  const r = await run(["status", "--json"], env);
  let data: StatusData | undefined;
  try {
    data = JSON.parse(r.stdout) as StatusData;
  } catch {
    // reported by the caller's check
  }
  return { ...r, data };
}

const up = (r: StatusRun) => r.data?.nodes.filter((n) => n.reachable).length ?? -1;
const ms = (s: Stats) => `${s.median.toFixed(0)} ms`;

/**
 * What must not differ between the bot's answer and the fresh CLI's: the exit code, the JSON's
 * shape, which nodes answered and with which error code, dispatch, paused and draining (timings,
 * load and the error's wording are the run's own: "not answering since" is the bot's).
 */
function sameAnswer(label: string, bot: StatusRun, fresh: StatusRun): void {
  const gist = (r: StatusRun) => JSON.stringify({
    code: r.code,
    keys: Object.keys(r.data ?? {}).sort(),
    nodes: r.data?.nodes.map((x) => [x.name, x.reachable, x.errorCode ?? null, Object.keys(x).filter((k) => k !== "error").sort()]),
    dispatch: r.data?.dispatch,
    paused: r.data?.paused,
    draining: r.data?.draining,
  });
  expect(gist(bot) === gist(fresh), `${label}: the bot's answer differs from the fresh CLI's:\n  bot:   ${gist(bot).slice(0, 600)}\n  fresh: ${gist(fresh).slice(0, 600)}`);
}

/** Round-robin like measure.ts's rounds(), with a run count per key: round i runs the keys with runs > i. */
async function uneven<K extends string>(fns: Record<K, { runs: number; fn: () => Promise<Sample> }>): Promise<Record<K, Sample[]>> {
  const keys = Object.keys(fns) as K[];
  const out = {} as Record<K, Sample[]>;
  const most = Math.max(...keys.map((k) => fns[k].runs));
  for (let i = 0; i < most; i++) for (const k of keys) if (i < fns[k].runs) (out[k] ??= []).push(await fns[k].fn());
  return out;
}

const of = (xs: Sample[], k: keyof Sample): Stats => stats(xs.map((x) => x[k]));
const wallOnly = (ms: number): Sample => ({ wall: ms, cpu: NaN, rssMb: NaN });

export async function startupThroughBot(fleet: Fleet, run: RunOyster, runs: number, log: (s: string) => void): Promise<Row[]> {
  const n = fleet.names.length;
  const fresh = { ...fleet.env, OYSTER_NO_BOT: "1" };
  log("startup: starting the compiled bot (node dist/main.js, Slack off) on the same config and data dir...");
  const bot = await startBot(fleet);
  let stopped = false;
  const hungNode = fleet.rig.node(fleet.hung);
  try {
    /** Through the bot: the CLI must have been answered by it (one more request in its log). */
    const viaBot = async (expectUp: number): Promise<StatusRun> => {
      const before = bot.requests();
      const r = await oysterStatus(run, fleet.env);
      // The bot logs the request as it takes it; its stderr may reach us a moment after the CLI's exit.
      await waitUntil(() => bot.requests() > before || undefined, "the bot to log the CLI request", 2000).catch(() => undefined);
      expect(bot.requests() === before + 1, `oyster status through the bot: the bot logged ${bot.requests() - before} requests, expected 1 (the CLI ran it itself?): ${r.stderr.trim().slice(0, 200)}`);
      expect(up(r) === expectUp, `oyster status through the bot: exit ${r.code}, ${up(r)} of ${n} reachable, expected ${expectUp}: ${r.stderr.trim().slice(0, 200)}`);
      return r;
    };
    const freshRun = async (expectUp: number): Promise<StatusRun> => {
      const before = bot.requests();
      const r = await oysterStatus(run, fresh);
      expect(bot.requests() === before, "oyster status with OYSTER_NO_BOT=1 reached the bot");
      expect(up(r) === expectUp, `oyster status, OYSTER_NO_BOT=1: exit ${r.code}, ${up(r)} of ${n} reachable, expected ${expectUp}: ${r.stderr.trim().slice(0, 200)}`);
      return r;
    };
    const help = async (): Promise<Sample> => {
      const r = await run(["help"], fleet.env);
      expect(r.code === 0 && /status/.test(r.stdout), `oyster help (bot up): exit ${r.code}, ${r.stderr.trim().slice(0, 200)}`);
      return r;
    };

    // The bot's first requests dial every node; what is measured is the bot as it runs for days,
    // over its kept connections (and the CLI's files in the page cache).
    for (let i = 0; i < 3; i++) await viaBot(n);
    await help();
    sameAnswer(`${n} healthy`, await viaBot(n), await freshRun(n));

    log(`startup: oyster status --json through the running bot vs oyster help vs the fresh CLI vs xargs -P16 ssh, ${n} healthy, ${runs} runs each...`);
    const xargs = xargsFanOut(fleet, n);
    const healthy = await uneven({
      help: { runs, fn: help },
      bot: { runs, fn: () => viaBot(n) },
      fresh: { runs, fn: () => freshRun(n) },
      xargs: { runs, fn: async () => wallOnly(await xargs()) },
    });

    log(`startup: hanging ${fleet.hung} (SIGSTOP of its sshd and sessions); the bot learns it from one request...`);
    await hungNode.hang();
    // The bot's kept connection to the node now stalls: this request waits out the command
    // timeout, and from then on requests leave the node alone (the pool's backoff, 305 s here,
    // re-armed by each guardian probe that finds it still silent: "for minutes").
    const learnt = await viaBot(n - 1);
    const said = (r: StatusRun): string => r.data?.nodes.find((x) => x.name === fleet.hung)?.error ?? "";
    log(`startup: the learning request took ${learnt.wall.toFixed(0)} ms; ${said(learnt)}`);
    const known = await waitUntil(async () => {
      const r = await viaBot(n - 1);
      return /not answering since/.test(said(r)) ? r : undefined;
    }, () => `the bot to report ${fleet.hung} as not answering`, 30_000);
    log(`startup: through the bot: ${said(known)}`);
    sameAnswer(`${fleet.hung} hung`, known, await freshRun(n - 1));

    const xargsHung = xargsFanOut(fleet, n - 1);
    let named = 0;
    log(`startup: oyster status --json with ${fleet.hung} hung: through the bot ${runs} runs, the fresh CLI and xargs -P16 ssh ${HUNG_SLOW_RUNS} runs each...`);
    const hung = await uneven({
      bot: {
        runs,
        fn: async () => {
          const r = await viaBot(n - 1);
          if (/not answering since/.test(said(r)) && r.code === 1) named++;
          return r;
        },
      },
      fresh: { runs: HUNG_SLOW_RUNS, fn: () => freshRun(n - 1) },
      xargs: { runs: HUNG_SLOW_RUNS, fn: async () => wallOnly(await xargsHung()) },
    });
    await hungNode.resume();
    // As withFaults does: the resumed listener works through what queued while it hung.
    await new Promise((r) => setTimeout(r, 500));

    const code = await bot.stop();
    stopped = true;
    expect(code === 0, `the bot exited ${code} after SIGTERM`);

    const w = {
      help: of(healthy.help, "wall"), bot: of(healthy.bot, "wall"), fresh: of(healthy.fresh, "wall"), xargs: of(healthy.xargs, "wall"),
      hungBot: of(hung.bot, "wall"), hungFresh: of(hung.fresh, "wall"), hungXargs: of(hung.xargs, "wall"),
    };
    const vsHelp = w.bot.median / w.help.median;
    const vsXargs = w.xargs.median / w.bot.median;
    const hungVsHealthy = w.hungBot.median / w.bot.median;
    target("startup", `oyster status --json through the running bot <= ${BOT_VS_HELP}x oyster help`, `${vsHelp.toFixed(2)}x (${ms(w.bot)} vs help ${ms(w.help)})`, vsHelp <= BOT_VS_HELP);
    target("startup", `oyster status --json through the running bot >= ${BOT_VS_XARGS}x faster than xargs -P16 ssh`, `${vsXargs.toFixed(2)}x (${ms(w.bot)} vs xargs ${ms(w.xargs)}; fresh CLI ${ms(w.fresh)}, ${(w.fresh.median / w.bot.median).toFixed(2)}x)`, vsXargs >= BOT_VS_XARGS);
    target("startup", `oyster status --json, 1 node hung for minutes, through the bot <= ${HUNG_VS_HEALTHY}x healthy`, `${hungVsHealthy.toFixed(2)}x (${ms(w.hungBot)} vs ${ms(w.bot)}; fresh CLI ${ms(w.hungFresh)}, xargs ${ms(w.hungXargs)})`, hungVsHealthy <= HUNG_VS_HEALTHY);
    target("startup", "the hung node is named \"not answering since\" (exit 1) through the bot", `${named} of ${runs} answers`, named === runs);

    const s = "oyster status --json through the running bot";
    const h = `oyster status --json with one node hung (for minutes) through the bot, ${n} nodes`;
    const rows: Row[] = [
      { scenario: `oyster help, new process, bot up: the yardstick [${runs} runs]`, oyster: w.help },
      { scenario: `${s}, ${n} healthy: vs xargs -P16 ssh [${runs} runs]`, oyster: w.bot, baseline: w.xargs },
      { scenario: `${s}, ${n} healthy: vs fresh CLI (OYSTER_NO_BOT=1)`, oyster: w.bot, baseline: w.fresh },
      { scenario: `${s}, ${n} healthy: vs oyster help`, oyster: w.bot, baseline: w.help },
    ];
    if (healthy.bot.every((x) => Number.isFinite(x.cpu))) {
      rows.push(
        { scenario: `${s}, the CLI's CPU user+sys: vs fresh CLI`, oyster: of(healthy.bot, "cpu"), baseline: of(healthy.fresh, "cpu"), unit: "CPU ms", digits: 0, ratioWords: ["less", "(more)"] },
        { scenario: `${s}, the CLI's peak RSS: vs fresh CLI`, oyster: of(healthy.bot, "rssMb"), baseline: of(healthy.fresh, "rssMb"), unit: "MB", digits: 0, ratioWords: ["smaller", "(larger)"] },
      );
    }
    rows.push(
      { scenario: `oyster status --json, 1 node just hung: the bot's first request (it learns) [1 run]`, oyster: stats([learnt.wall]) },
      { scenario: `${h}: vs xargs -P16 ssh [${runs} runs; xargs ${HUNG_SLOW_RUNS}]`, oyster: w.hungBot, baseline: w.hungXargs },
      { scenario: `${h}: vs fresh CLI [${HUNG_SLOW_RUNS} runs]`, oyster: w.hungBot, baseline: w.hungFresh },
      { scenario: `${h}: vs ${n} healthy through the bot`, oyster: w.hungBot, baseline: w.bot },
    );
    return rows;
  } finally {
    await hungNode.resume();
    if (!stopped) {
      const err = bot.stderr();
      await bot.stop();
      log(`startup: the bot's last words:\n${err.split("\n").slice(-15).join("\n")}`);
    }
  }
}
