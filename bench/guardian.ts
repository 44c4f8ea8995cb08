// The guardian over a 50-node fleet against today's guardian.py (per node: an ssh round trip that
// hashes the dispatch files), sequential as it is and fanned out with xargs -P. Oyster is seen as
// a fresh `oyster check` process (cold dials), and in one process as the bot runs it: a first run
// that dials, then runs over the kept connections. With a node hung, every measured sequence
// starts from a copy of the healthy fleet's state.db, so each one makes the same fix attempts.
import { cpSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CHECKS, type CheckName } from "../jobs/guardian/checks/index.ts";
import { Ledger } from "../jobs/guardian/ledger.ts";
import type { GuardianReport } from "../jobs/guardian/report.ts";
import { runGuardian, type GuardianDeps } from "../jobs/guardian/run-guardian.ts";
import { AlertBook } from "../src/alerts/alert-book.ts";
import { alertBookFor } from "../src/alerts/alert-book-for.ts";
import { sha256File } from "../src/files/sha256.ts";
import { openRuntime, type Runtime } from "../src/runtime.ts";
import { makeFleet } from "../test/helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../test/helpers/rig/index.ts";
import { GUARDIAN_FILES, guardianPyFanOut, guardianPyLoop } from "./baselines.ts";
import { BENCH_SERVICES, inProcessServices, isProbe, servicesRows, withServices, type WarmRunner } from "./guardian-services.ts";
import { CONCURRENCY, CONNECT_TIMEOUT_S } from "./fleet.ts";
import { expect, rounds, stats, target, timed, type Row, type Stats } from "./measure.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const NODE_CHECKS = CHECKS.filter((c) => c.scope === "node").length;
// The rig config's value, set here because the hung rows depend on it: a kept connection to a hung
// node is given up after this long. (Oyster's default is 30 s.)
const COMMAND_TIMEOUT_MS = 5000;

export interface GuardianFleet {
  rig: Rig;
  names: string[];
  /** Mid-fleet, for the same reason as bench/fleet.ts's hung node. */
  hung: string;
  /** The controller's dispatch-file hashes every node must match. */
  want: Map<string, string>;
  /** The healthy fleet's data dir; runs that must start from the same state get a copy. */
  dataDir: string;
  /** Scratch dir for those copies, inside the rig dir so it goes with it. */
  scratch: string;
  /** The same fleet with BENCH_SERVICES listed for every node (node_availability reads them). */
  configDir: string;
  servicesConfigDir: string;
  env(dataDir?: string, configDir?: string): NodeJS.ProcessEnv;
}

async function openGuardianFleet(count: number): Promise<GuardianFleet> {
  const rig = await startRig(count, { services: BENCH_SERVICES });
  try {
    // makeFleet seeds task-wrapper.sh, nodes.json and projects.json on the controller and every
    // node. Its nodes list no services, so every row but the services one measures the guardian as
    // it was before it read them.
    const f = makeFleet(rig, { services: [], ssh: { connectTimeoutMs: CONNECT_TIMEOUT_S * 1000, commandTimeoutMs: COMMAND_TIMEOUT_MS, concurrency: CONCURRENCY } });
    const names = rig.nodes.map((n) => n.name);
    const scratch = join(rig.dir, "guardian-bench");
    mkdirSync(scratch);
    const servicesConfigDir = withServices(f.configDir, join(scratch, "config-services"), BENCH_SERVICES);
    return {
      rig, names, scratch, dataDir: f.dataDir, configDir: f.configDir, servicesConfigDir,
      hung: names[Math.floor((2 * count) / 3)]!,
      want: new Map(GUARDIAN_FILES.map((name) => [name, sha256File(join(f.dispatchDir, name))])),
      env: (dataDir = f.dataDir, configDir = f.configDir) => ({ ...process.env, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: dataDir }),
    };
  } catch (err) {
    await rig.close();
    throw err;
  }
}

let copies = 0;
/** A copy of the healthy fleet's data dir (no process has it open when this is called). */
function freshState(gf: GuardianFleet): string {
  const dir = join(gf.scratch, `data-${++copies}`);
  cpSync(gf.dataDir, dir, { recursive: true });
  return dir;
}

type Expected = Partial<Record<CheckName, GuardianReport["results"][number]["status"]>>;

/**
 * The report covers every node; every result is `passed` except the hung node's, which must be
 * exactly `hungWant` (every node check named, so a check that did not run is caught too).
 */
function checkReport(label: string, gf: GuardianFleet, r: GuardianReport | undefined, hungWant?: Expected): void {
  if (!r) return expect(false, `${label}: no report`);
  // Opt-in checks left off (stuck_tasks by default) say so in one line each; they are not failures.
  const results = r.results.filter((x) => !(x.status === "skipped" && x.detail === "switched off in guardian_config.json"));
  const bad = results.filter((x) => x.node !== gf.hung || !hungWant).filter((x) => x.status !== "passed");
  const mine = hungWant ? r.results.filter((x) => x.node === gf.hung) : [];
  const sorted = (o: object) => JSON.stringify(Object.entries(o).sort());
  const got = Object.fromEntries(mine.map((x) => [x.check, x.status]));
  const problems = [
    r.nodes.length !== gf.names.length && `${r.nodes.length} nodes`,
    results.length !== 1 + NODE_CHECKS * gf.names.length && `${results.length} results`,
    bad.length > 0 && `not passed: ${bad.slice(0, 3).map((x) => `${x.check}@${x.node ?? "fleet"} ${x.status}: ${x.detail}`).join("; ")}`,
    r.ok !== !hungWant && `ok ${r.ok}`,
    r.storm !== null && `storm ${r.storm.join(",")}`,
    hungWant && sorted(got) !== sorted(hungWant) && `${gf.hung}: ${mine.map((x) => `${x.check} ${x.status} (${x.detail})`).join("; ")}`,
  ].filter(Boolean);
  expect(problems.length === 0, `${label}: ${problems.join(", ")}; expected ${hungWant ? `only ${gf.hung}'s checks ${JSON.stringify(hungWant)}` : "all passed"}`);
}

// A fresh dial to a hung node gets TCP through and then no SSH: node_availability passes ("answers
// on TCP"), ssh_connection fails, and its fix (drop and re-dial) waits out a second connect timeout.
const REDIALLED: Expected = { node_availability: "passed", ssh_connection: "failed", wrapper_version: "skipped", param_alignment: "skipped" };
// A kept connection that stalls: the probe gives up on it (connect timeout) and re-dials, so the
// hang is blamed as a fresh dial's (jobs/guardian/probe.ts; test/integration/guardian/hung-node.test.ts).
const KEPT_STALLED: Expected = REDIALLED;

function cliCheck(gf: GuardianFleet, hungWant?: Expected): () => Promise<number> {
  return async () => {
    // Every run with the node hung starts from the healthy state, so each is the incident's first.
    const env = gf.env(hungWant ? freshState(gf) : undefined);
    const r = await timed(process.execPath, ["bin/oyster.js", "check", "--json"], { env, cwd: ROOT });
    let report: GuardianReport | undefined;
    try {
      report = JSON.parse(r.stdout) as GuardianReport;
    } catch {
      // reported by checkReport
    }
    const wantCode = hungWant ? 1 : 0;
    expect(r.code === wantCode, `oyster check: exit ${r.code}, expected ${wantCode}: ${r.stderr.trim().slice(0, 200)}`);
    checkReport("oyster check", gf, report, hungWant);
    return r.ms;
  };
}

function depsOf(rt: Runtime): GuardianDeps {
  const ctx = { config: rt.config, store: rt.store, log: rt.log.child({ job: "guardian", user: "bench" }), now: () => new Date(), dataDir: rt.env.dataDir };
  return { ...ctx, ssh: rt.ssh, alerts: alertBookFor(ctx) };
}

async function timedRun(deps: GuardianDeps): Promise<{ ms: number; report: GuardianReport }> {
  const t0 = performance.now();
  const report = await runGuardian(deps, { fix: true });
  return { ms: performance.now() - t0, report };
}

// --- where a warm run's time goes ------------------------------------------------------------

interface Phases {
  /** Run start to the last probe's answer: 50 `true` round trips, 16 at a time. */
  probe: number;
  /** From there to the last check result written: db_schema and the per-node checks. */
  checks: number;
  /** Of `checks`: first to last hash round trip (one per node, `sha256sum` of the three files). */
  hashes: number;
  /** Main-thread time in state.db for the check results: the fix-attempt ledger, the alert book. */
  ledger: number;
  alerts: number;
  /** After the checks: availability samples and dispatch node states. */
  tail: number;
  /** Median round trip of one probe / one hash exec under the 16-wide fan-out. */
  probeExec: number;
  hashExec: number;
}

type Span = [number, number];
const median = (xs: number[]) => stats(xs).median;

/** Wraps `obj[key]` to call `spy(ms, end)` after every call (its synchronous part, for a promise). */
function spyOn<T extends object, K extends keyof T>(obj: T, key: K, spy: (ms: number, end: number) => void): () => void {
  const orig = obj[key] as (...a: unknown[]) => unknown;
  obj[key] = function (this: unknown, ...args: unknown[]) {
    const t0 = performance.now();
    try {
      return orig.apply(this, args);
    } finally {
      const t1 = performance.now();
      spy(t1 - t0, t1);
    }
  } as T[K];
  return () => (obj[key] = orig as T[K]);
}

/** One guardian run over kept connections with its ssh execs, ledger and alert book timed. */
async function instrumentedRun(gf: GuardianFleet, rt: Runtime, deps: GuardianDeps): Promise<Phases> {
  const execs: Record<"probe" | "hash" | "other", Span[]> = { probe: [], hash: [], other: [] };
  const pool = rt.ssh;
  const exec = pool.exec.bind(pool);
  pool.exec = async (...args: Parameters<typeof exec>) => {
    const t0 = performance.now();
    try {
      return await exec(...args);
    } finally {
      execs[isProbe(args[1]) ? "probe" : args[1].includes("sha256sum") ? "hash" : "other"].push([t0, performance.now()]);
    }
  };
  const spent = { ledger: 0, alerts: 0 };
  let lastWrite = 0;
  const onWrite = (into: keyof typeof spent) => (ms: number, end: number) => {
    spent[into] += ms;
    lastWrite = Math.max(lastWrite, end);
  };
  const restore = [
    ...(["recordPass", "recordFailure", "recordFixed", "countFixAttempt"] as const).map((m) => spyOn(Ledger.prototype, m, onWrite("ledger"))),
    ...(["resolve", "raise"] as const).map((m) => spyOn(AlertBook.prototype, m, onWrite("alerts"))),
  ];
  const t0 = performance.now();
  let end = t0;
  try {
    const { report } = await timedRun(deps);
    end = performance.now();
    checkReport("instrumented guardian run", gf, report);
  } finally {
    for (const r of restore) r();
    pool.exec = exec;
  }
  expect(execs.probe.length === gf.names.length && execs.hash.length === gf.names.length && execs.other.length === 0,
    `instrumented run: ${execs.probe.length} probes, ${execs.hash.length} hash execs, ${execs.other.length} other execs; expected ${gf.names.length}, ${gf.names.length}, 0`);
  const probeEnd = Math.max(...execs.probe.map((s) => s[1]));
  const hashStart = Math.min(...execs.hash.map((s) => s[0]));
  const hashEnd = Math.max(...execs.hash.map((s) => s[1]));
  return {
    probe: probeEnd - t0,
    checks: lastWrite - probeEnd,
    hashes: hashEnd - hashStart,
    ...spent,
    tail: end - lastWrite,
    probeExec: median(execs.probe.map(([a, b]) => b - a)),
    hashExec: median(execs.hash.map(([a, b]) => b - a)),
  };
}

// --- in one process --------------------------------------------------------------------------

/** For the services rows: a fresh runtime on a copy of the healthy state, one cold run, then warm ones. */
function warmRunner(gf: GuardianFleet): WarmRunner {
  return async (configDir, warm, label) => {
    const rt = openRuntime({ processEnv: gf.env(freshState(gf), configDir), stderrLevel: "warn" });
    try {
      const deps = depsOf(rt);
      checkReport(`${label}, cold`, gf, (await timedRun(deps)).report);
      const out = [];
      for (let i = 0; i < warm; i++) {
        const r = await timedRun(deps);
        checkReport(label, gf, r.report);
        out.push(r);
      }
      return out;
    } finally {
      await rt.close();
    }
  };
}

/** Per fresh runtime: a cold first run, a second over the kept connections, a third instrumented. */
async function inProcessHealthy(gf: GuardianFleet, runs: number) {
  const first: number[] = [];
  const second: number[] = [];
  const phases: Phases[] = [];
  for (let i = 0; i < runs; i++) {
    const rt = openRuntime({ processEnv: gf.env(), stderrLevel: "warn" });
    try {
      const deps = depsOf(rt);
      for (const [label, into] of [["1st (cold)", first], ["2nd (kept)", second]] as const) {
        const { ms, report } = await timedRun(deps);
        into.push(ms);
        checkReport(`in-process ${label} guardian run`, gf, report);
      }
      phases.push(await instrumentedRun(gf, rt, deps));
    } finally {
      await rt.close();
    }
  }
  return { first, second, phases };
}

/**
 * The bot when a node hangs: a healthy cold run leaves every connection kept; the node hangs; the
 * next run finds its kept connection stalled (the probe's deadline, the connect timeout) and
 * reports it without dialling again; the run after that dials once (a stall leaves no dial to
 * back off from) and reports its timeout: one timeout per run.
 */
async function inProcessHung(gf: GuardianFleet, runs: number) {
  const kept: number[] = [];
  const redial: number[] = [];
  const node = gf.rig.node(gf.hung);
  for (let i = 0; i < runs; i++) {
    const rt = openRuntime({ processEnv: gf.env(freshState(gf)), stderrLevel: "error" });
    try {
      const deps = depsOf(rt);
      checkReport("in-process healthy run before the hang", gf, (await timedRun(deps)).report);
      await node.hang();
      try {
        for (const [label, into, want] of [["next run", kept, KEPT_STALLED], ["run after", redial, REDIALLED]] as const) {
          const { ms, report } = await timedRun(deps);
          into.push(ms);
          checkReport(`in-process ${label} with ${gf.hung} hung`, gf, report, want);
        }
      } finally {
        await node.resume();
      }
    } finally {
      await rt.close();
    }
    await settle();
  }
  return { kept, redial };
}

// The resumed listener works through the connections queued while it hung (bench/fleet.ts).
const settle = () => new Promise((r) => setTimeout(r, 500));

async function withHung<T>(gf: GuardianFleet, fn: () => Promise<T>): Promise<T> {
  const node = gf.rig.node(gf.hung);
  await node.hang();
  try {
    return await fn();
  } finally {
    await node.resume();
    await settle();
  }
}

export async function guardianBench(count: number, runs: number, hungRuns: number, log: (s: string) => void): Promise<Row[]> {
  log(`starting a ${count}-node rig for the guardian...`);
  const gf = await openGuardianFleet(count);
  try {
    const n = gf.names.length;
    // The first check creates dispatch.db (db_schema's fix) and marks every node online: after
    // it, every run below sees the same healthy fleet. It also fills tsx's compile cache.
    const warm = await timed(process.execPath, ["bin/oyster.js", "check", "--json"], { env: gf.env(), cwd: ROOT });
    expect(warm.code === 0, `first oyster check over the guardian fleet exited ${warm.code}: ${warm.stdout.slice(0, 300)} ${warm.stderr.slice(0, 300)}`);

    log(`guardian, ${n} healthy: oyster check vs guardian.py loop, xargs -P...`);
    const healthy = await rounds(runs, { oyster: cliCheck(gf), loop: guardianPyLoop(gf, gf.want, n), xargs: guardianPyFanOut(gf, gf.want, n) });
    log("guardian three times in one process (cold dials, kept connections, instrumented)...");
    const inProc = await inProcessHealthy(gf, runs);

    log(`guardian warm runs in one process, ${BENCH_SERVICES.length} services per node vs none...`);
    const services = await inProcessServices(warmRunner(gf), { without: gf.configDir, with: gf.servicesConfigDir }, runs);

    log(`guardian, ${gf.hung} hung (${hungRuns}x): oyster check vs guardian.py loop, xargs -P...`);
    const hung = await withHung(gf, () =>
      rounds(hungRuns, { oyster: cliCheck(gf, REDIALLED), loop: guardianPyLoop(gf, gf.want, n - 1), xargs: guardianPyFanOut(gf, gf.want, n - 1) }),
    );
    log(`guardian in one process as ${gf.hung} hangs (${hungRuns}x)...`);
    const bot = await inProcessHung(gf, hungRuns);

    const ph = (k: keyof Phases) => stats(inProc.phases.map((p) => p[k]));
    const base = `guardian, ${n} nodes`;
    const h = `${base} 1 hung`;
    // Issue 16's targets: one timeout per run, the incident's first runs included.
    const limit = (s: Stats, healthyMs: number, what: string) => {
      const max = healthyMs + CONNECT_TIMEOUT_S * 1000 + 1000;
      target("guardian", `${what} <= healthy + connect timeout + 1 s (${max.toFixed(0)} ms)`, `${s.median.toFixed(0)} ms`, s.median <= max);
    };
    limit(hung.oyster, healthy.oyster.median, "hung node, new CLI process (oyster check)");
    limit(stats(bot.kept), stats(inProc.second).median, "hung node, bot's run as its kept connection stalls");
    limit(stats(bot.redial), stats(inProc.second).median, "hung node, bot's run after that");
    const few = hungRuns < runs ? ` [${hungRuns} run${hungRuns === 1 ? "" : "s"}]` : "";
    return [
      { scenario: `${base} healthy: new CLI process (oyster check) vs guardian.py loop`, oyster: healthy.oyster, baseline: healthy.loop },
      { scenario: `${base} healthy: new CLI process (oyster check) vs guardian.py xargs -P16`, oyster: healthy.oyster, baseline: healthy.xargs },
      { scenario: `${base} healthy: in-process 1st run (cold dials) vs guardian.py xargs -P16`, oyster: stats(inProc.first), baseline: healthy.xargs },
      { scenario: `${base} healthy: 2nd run over kept connections vs guardian.py xargs -P16`, oyster: stats(inProc.second), baseline: healthy.xargs },
      { scenario: `${base} healthy: 2nd run over kept connections vs guardian.py loop`, oyster: stats(inProc.second), baseline: healthy.loop },
      { scenario: `  warm run, probe: ${n} x \`true\`, ${CONCURRENCY} at a time`, oyster: ph("probe") },
      { scenario: `  warm run, checks: db_schema + ${NODE_CHECKS * n} node checks`, oyster: ph("checks") },
      { scenario: `    of which first to last hash round trip (${n} x sha256sum)`, oyster: ph("hashes") },
      { scenario: `    of which state.db, fix-attempt ledger (${1 + NODE_CHECKS * n} results)`, oyster: ph("ledger") },
      { scenario: `    of which state.db, alert book (a resolve per result)`, oyster: ph("alerts") },
      { scenario: "  warm run, tail: availability samples + dispatch node states", oyster: ph("tail") },
      { scenario: `  warm run, one probe round trip within the ${CONCURRENCY}-wide fan-out`, oyster: ph("probeExec"), unit: "ms/exec" },
      { scenario: `  warm run, one hash round trip within the ${CONCURRENCY}-wide fan-out`, oyster: ph("hashExec"), unit: "ms/exec" },
      ...servicesRows(base, services),
      { scenario: `${h}: new CLI process, incident's 1st check (one dial timeout) vs loop${few}`, oyster: hung.oyster, baseline: hung.loop },
      { scenario: `${h}: new CLI process, incident's 1st check (one dial timeout) vs xargs -P16${few}`, oyster: hung.oyster, baseline: hung.xargs },
      { scenario: `${h}: bot's next run, kept connection stalls (probe deadline ${CONNECT_TIMEOUT_S} s) vs xargs -P16${few}`, oyster: stats(bot.kept), baseline: hung.xargs },
      { scenario: `${h}: bot's run after, one fresh dial (timeout) vs xargs -P16${few}`, oyster: stats(bot.redial), baseline: hung.xargs },
      { scenario: `${h}: bot's run after, one fresh dial (timeout) vs loop${few}`, oyster: stats(bot.redial), baseline: hung.loop },
    ];
  } finally {
    await gf.rig.close();
  }
}
