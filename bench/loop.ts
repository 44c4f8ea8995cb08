// The running bot under its heaviest job: the compiled bot (`node dist/main.js`, as `npm start`
// runs it) connected over Socket Mode to the Slack stand-in, answering `/oyster status` over the
// 20-node fleet, first idle, then while it backs up a ~1 GB dispatch.db that a live writer keeps
// committing to. The backup is the bot's own: `/oyster run backup` from an admin runs the backup
// job inside the bot process, as the schedule would. Measured: every command's ack latency as
// the stand-in sees it (p50, p99, worst), the bot's max event-loop delay over each phase (from
// bench/loop-probe.mjs, preloaded into the bot), the Socket Mode connections opened (1 = no
// reconnect), and the writer's worst commit. Alone: `npm run bench -- loop` (~4 GB of temp space).
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { compiledEntryPath } from "../src/startup/compiled-entry.ts";
import { startDispatchWriter, type WriterReport } from "../test/helpers/fixtures/run-dispatch-writer.ts";
import { writeRigConfig } from "../test/helpers/rig-config.ts";
import { startStandIn, type StandIn } from "../test/helpers/slack-standin/index.ts";
import { waitUntil } from "../test/helpers/wait-until.ts";
import { BLOB_MB, buildDb } from "./backup.ts";
import { CONCURRENCY, CONNECT_TIMEOUT_S, type Fleet } from "./fleet.ts";
import { expect, stats, target, type Row, type Stats } from "./measure.ts";

const PROBE = pathToFileURL(new URL("./loop-probe.mjs", import.meta.url).pathname).href;
const ADMIN = "UADMIN";
const CHANNEL = "COPS";
const MAX_LOOP_MS = 100;
const P99_ACK_MS = 500;
const WORST_ACK_MS = 1000;

interface ProbeWindow {
  seq: number;
  windowMs: number;
  maxMs: number;
  p99Ms: number;
  samples: number;
  rssMb: number;
}

interface Bot {
  child: ChildProcess;
  stderr(): string;
  /** Closes the probe's current window and returns it; the next window starts now. */
  window(): Promise<ProbeWindow>;
  stop(): Promise<number | null>;
}

async function startBot(env: NodeJS.ProcessEnv, probeOut: string, cwd: string): Promise<Bot> {
  const child = spawn(process.execPath, ["--import", PROBE, compiledEntryPath("main")], {
    cwd, env: { ...env, OYSTER_BENCH_PROBE_OUT: probeOut }, stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const killer = () => child.kill("SIGKILL");
  process.on("exit", killer);
  let seq = 0;
  const bot: Bot = {
    child,
    stderr: () => stderr,
    async window() {
      child.kill("SIGUSR2");
      const want = ++seq;
      return waitUntil(() => {
        if (!existsSync(probeOut)) return undefined;
        try {
          const w = JSON.parse(readFileSync(probeOut, "utf8")) as ProbeWindow;
          return w.seq === want ? w : undefined;
        } catch {
          return undefined; // half-written: read again
        }
      }, "the bot's loop probe to answer", 10_000);
    },
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      const [code] = (await once(child, "exit")) as [number | null];
      clearTimeout(timer);
      process.off("exit", killer);
      return code;
    },
  };
  try {
    await waitUntil(() => stderr.includes("Slack connected") || child.exitCode !== null, "the bot to connect to Slack", 30_000);
    if (child.exitCode !== null) throw new Error(`the bot exited ${child.exitCode}:\n${stderr}`);
  } catch (err) {
    await bot.stop();
    throw err;
  }
  return bot;
}

interface Acks {
  ms: number[];
  unacked: number;
  wrong: number;
}

/** One `/oyster status` from a viewer; its ack carries the answer (every node, over kept connections). */
async function statusCommand(standIn: StandIn, n: number, into: Acks): Promise<void> {
  try {
    const r = await standIn.slashCommand({ text: "status", user_id: "UVIEW", channel_id: CHANNEL });
    into.ms.push(r.ackMs);
    const text = JSON.stringify(r.ack ?? {});
    if (!text.includes(`${n}/${n} nodes up`)) into.wrong++;
  } catch {
    into.unacked++; // no ack within the stand-in's 3 s: Slack would show the user an error
  }
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
}

/** p50 as the median column, with the best and the worst ack around it. */
const spread = (xs: number[]): Stats => ({ median: percentile(xs, 50), min: Math.min(...xs), max: Math.max(...xs) });
const one = (x: number): Stats => stats([x]);

interface BackupPhase {
  acks: Acks;
  loop: ProbeWindow;
  backups: Array<{ ms: number; ok: boolean; summary: string; ackMs: number }>;
  writer: WriterReport;
}

/**
 * Backups run one after another in the bot (a second one only if the first ended before
 * `commands` status commands had been acked), with status commands sent back to back, each after
 * the previous one's ack, for as long as a backup runs.
 */
async function duringBackups(standIn: StandIn, bot: Bot, db: string, dir: string, n: number, commands: number, log: (s: string) => void): Promise<BackupPhase> {
  const writer = await startDispatchWriter(db, dir, 600);
  const acks: Acks = { ms: [], unacked: 0, wrong: 0 };
  const backups: BackupPhase["backups"] = [];
  let loop: ProbeWindow;
  let report: WriterReport;
  try {
    await sleep(1000); // the writer into its stride, as bench/backup.ts does
    await bot.window(); // the backup window starts here
    while (acks.ms.length + acks.unacked < commands) {
      const before = standIn.responses.length;
      const t0 = performance.now();
      let done = false;
      let ack = { ackMs: NaN, text: "" };
      // Over 2 s the bot acks "working on ..." and posts the result to the response_url.
      const run = standIn.slashCommand({ text: "run backup", user_id: ADMIN, channel_id: CHANNEL }).then((r) => {
        ack = { ackMs: r.ackMs, text: JSON.stringify(r.ack ?? {}) };
        if (/backup: (ok|failed)/.test(ack.text)) done = true; // answered within the ack: a small database
      }, () => undefined);
      const finished = (): string | undefined => {
        const r = standIn.responses.slice(before).find((x) => /backup: (ok|failed)/.test(JSON.stringify(x.body)));
        return r ? JSON.stringify(r.body) : done ? ack.text : undefined;
      };
      while (finished() === undefined) {
        await statusCommand(standIn, n, acks);
        if (performance.now() - t0 > 300_000) throw new Error("the backup in the bot did not finish in 300 s");
      }
      await run;
      const text = finished()!;
      const m = /backup: (ok|failed): ([^"\\]*)/.exec(text);
      backups.push({ ms: performance.now() - t0, ok: m?.[1] === "ok", summary: m?.[2] ?? text.slice(0, 200), ackMs: ack.ackMs });
      log(`loop: backup in the bot ${m?.[1] ?? "?"} after ${((performance.now() - t0) / 1000).toFixed(1)} s (${m?.[2] ?? text.slice(0, 120)}); ${acks.ms.length} status commands acked so far`);
    }
    loop = await bot.window();
  } finally {
    report = await writer.stop();
  }
  return { acks, loop, backups, writer: report };
}

export async function loopBench(fleet: Fleet, commands: number, log: (s: string) => void): Promise<Row[]> {
  const n = fleet.names.length;
  const dir = mkdtempSync(join(tmpdir(), "oyster-bench-loop-"));
  let standIn: StandIn | undefined;
  let bot: Bot | undefined;
  try {
    const dispatchDir = join(dir, "dispatch");
    const configDir = join(dir, "config");
    const dataDir = join(dir, "data");
    mkdirSync(dispatchDir);
    mkdirSync(dataDir);
    const db = join(dispatchDir, "dispatch.db");
    log(`loop: building a ~${BLOB_MB} MB dispatch.db...`);
    buildDb(db);
    const gb = statSync(db).size / 1e9;
    writeRigConfig(fleet.rig, configDir, {
      ssh: { connectTimeoutMs: CONNECT_TIMEOUT_S * 1000, concurrency: CONCURRENCY },
      oyster: { dispatch: { dir: dispatchDir }, roles: { admins: [ADMIN] }, slack: { allowedChannels: [CHANNEL] } },
    });
    standIn = await startStandIn();
    const env = {
      PATH: process.env.PATH, HOME: dir, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: dataDir,
      SLACK_BOT_TOKEN: "xoxb-bench-token-0000", SLACK_APP_TOKEN: "xapp-bench-token-0000", SLACK_API_URL: standIn.apiUrl,
    };
    log("loop: starting the compiled bot (node dist/main.js) against the stand-in...");
    bot = await startBot(env, join(dir, "probe.json"), dir);
    await standIn.waitForSocket();
    const started = await bot.window();

    // The first commands dial every node; the phases below run over the kept connections, as a
    // bot that has been up for a while does.
    const warm: Acks = { ms: [], unacked: 0, wrong: 0 };
    for (let i = 0; i < 5; i++) await statusCommand(standIn, n, warm);
    expect(warm.unacked === 0 && warm.wrong === 0, `loop warm-up: ${warm.unacked} unacked, ${warm.wrong} without ${n}/${n} nodes up`);

    log(`loop: ${commands} x /oyster status, bot idle...`);
    await bot.window();
    const idle: Acks = { ms: [], unacked: 0, wrong: 0 };
    for (let i = 0; i < commands; i++) await statusCommand(standIn, n, idle);
    const idleLoop = await bot.window();

    log(`loop: /oyster run backup of ${gb.toFixed(2)} GB under a writer, /oyster status back to back until ${commands} are acked...`);
    const busy = await duringBackups(standIn, bot, db, dir, n, commands, log);
    const reconnects = standIn.connectionsOpened - 1;
    const code = await bot.stop();
    const botErr = bot.stderr();
    bot = undefined;
    // The bot's own monitor logs each stall over 200 ms, naming the jobs that were running.
    const stallLines = botErr.split("\n").filter((l) => /event loop stalled/.test(l));
    if (stallLines.length) log(`loop: the bot logged ${stallLines.length} stall(s):\n${stallLines.slice(0, 5).join("\n")}`);

    for (const [label, a] of [["idle", idle], ["during the backup", busy.acks]] as const) {
      expect(a.wrong === 0, `loop, ${label}: ${a.wrong} status acks did not show ${n}/${n} nodes up`);
    }
    expect(busy.backups.every((b) => b.ok), `loop: a backup in the bot failed: ${busy.backups.map((b) => b.summary).join("; ")}`);
    expect(busy.writer.failures === 0, `loop: the writer failed ${busy.writer.failures} commits during the backup`);
    expect(code === 0, `loop: the bot exited ${code} after SIGTERM`);

    const b = busy.acks;
    const all = b.ms.length + b.unacked;
    const p99 = percentile(b.ms, 99);
    const worst = Math.max(...b.ms);
    const backupS = busy.backups.map((x) => (x.ms / 1000).toFixed(1)).join(" + ");
    log(`loop: bot RSS ${started.rssMb.toFixed(0)} MB after start; writer ${busy.writer.commits} commits (${Math.round(busy.writer.rate)}/s), worst ${busy.writer.worstMs.toFixed(0)} ms`);

    target("loop", `max event-loop delay during the ${gb.toFixed(1)} GB backup <= ${MAX_LOOP_MS} ms`, `${busy.loop.maxMs.toFixed(1)} ms (idle ${idleLoop.maxMs.toFixed(1)} ms)`, busy.loop.maxMs <= MAX_LOOP_MS);
    target("loop", "every /oyster status acked during the backup", `${b.ms.length} of ${all} (idle ${idle.ms.length} of ${idle.ms.length + idle.unacked})`, b.unacked === 0);
    target("loop", `/oyster status ack p99 <= ${P99_ACK_MS} ms during the backup`, `${p99.toFixed(0)} ms (idle ${percentile(idle.ms, 99).toFixed(0)} ms)`, p99 <= P99_ACK_MS);
    target("loop", `/oyster status worst ack <= ${WORST_ACK_MS} ms during the backup`, `${worst.toFixed(0)} ms (idle ${Math.max(...idle.ms).toFixed(0)} ms)`, worst <= WORST_ACK_MS && b.unacked === 0);
    target("loop", "no Socket Mode reconnect", `${reconnects} reconnect${reconnects === 1 ? "" : "s"} (${standIn.connectionsOpened} connection${standIn.connectionsOpened === 1 ? "" : "s"} opened)`, reconnects === 0);

    const s = `/oyster status (${n} nodes) ack over Socket Mode`;
    const during = `during ${gb.toFixed(1)} GB backup + writer`;
    return [
      { scenario: `${s}, bot idle, ${idle.ms.length} cmds: p50 (best-worst)`, oyster: spread(idle.ms) },
      { scenario: `${s}, ${during}, ${b.ms.length} cmds: p50 (best-worst)`, oyster: spread(b.ms) },
      { scenario: `${s}, bot idle: p99`, oyster: one(percentile(idle.ms, 99)) },
      { scenario: `${s}, ${during}: p99`, oyster: one(p99) },
      { scenario: `bot max event-loop delay, idle (${(idleLoop.windowMs / 1000).toFixed(0)} s)`, oyster: one(idleLoop.maxMs), digits: 1 },
      { scenario: `bot max event-loop delay, ${during} (${(busy.loop.windowMs / 1000).toFixed(0)} s)`, oyster: one(busy.loop.maxMs), digits: 1 },
      { scenario: "bot p99 event-loop delay, idle", oyster: one(idleLoop.p99Ms), digits: 1 },
      { scenario: `bot p99 event-loop delay, ${during}`, oyster: one(busy.loop.p99Ms), digits: 1 },
      { scenario: `backup in the bot (/oyster run backup to its result), ${busy.backups.length} run${busy.backups.length === 1 ? "" : "s"}: ${backupS} s`, oyster: stats(busy.backups.map((x) => x.ms)) },
      { scenario: "writer's worst commit during the backup in the bot", oyster: one(busy.writer.worstMs) },
      { scenario: "compiled bot RSS after start (Slack on, probe's figure)", oyster: one(started.rssMb), unit: "MB", digits: 0 },
    ];
  } finally {
    if (bot) {
      const err = bot.stderr();
      await bot.stop();
      if (err) log(`loop: the bot's last words:\n${err.split("\n").slice(-15).join("\n")}`);
    }
    await standIn?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
