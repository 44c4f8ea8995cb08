// `npm run bench [-- status guardian sync backup]`: status, exec and sync against one 20-node
// rig, the guardian against a 50-node one, backup of a 1 GB dispatch.db, then one summary table
// (name benchmarks to run only those; backup needs ~4 GB in the temp dir). The runtime benches
// (issue 10) run the build: CLI start-up compiled vs tsx, and `status` through the running bot
// healthy and with a hung node (startup, on the 20-node rig; issue 25), the bot's event loop and
// Slack acks during a 1 GB backup (loop, same rig, ~4 GB of temp space) and its memory over 1,000
// guardian runs (memory, its own 20-node rig); their targets print under the table, PASS or
// MISS. Each rig is torn down whatever happens (the rig's own exit hooks also cover Ctrl-C), and
// the run fails when a benchmark saw something that makes its figure meaningless.
import { backupBench } from "./backup.ts";
import { execBench } from "./exec.ts";
import { CONCURRENCY, CONNECT_TIMEOUT_S, openFleet } from "./fleet.ts";
import { guardianBench } from "./guardian.ts";
import { loopBench } from "./loop.ts";
import { problems, renderTable, renderTargets, targets, type Row } from "./measure.ts";
import { memoryBench } from "./memory.ts";
import { startupBench } from "./startup.ts";
import { statusBench } from "./status.ts";
import { syncBench } from "./sync.ts";

const NODES = 20;
const RUNS = 3;
const EXECS = 200;
const GUARDIAN_NODES = 50;
// Every hung-node round waits out 5 s timeouts (10 s in Oyster's incident-opening runs) some five
// times, ~50 s a round: those rows run once, to keep the guardian's share of the bench under two
// and a half minutes. Timeouts dominate them, so one run moves by well under a second.
const GUARDIAN_HUNG_RUNS = 1;
// Start-up: a compiled `help` takes a few hundred ms, tsx's about a second: 10 runs of each and 5
// of each status keep that part under a minute. The rows through the running bot take HELP_RUNS
// runs of each healthy figure (xargs and the fresh CLI included) and 3 of the fresh CLI and xargs
// with a hung node (a connect timeout each): about two minutes more.
const HELP_RUNS = 10;
const STARTUP_STATUS_RUNS = 5;
/** /oyster status commands idle, and at least as many during the backup. */
const LOOP_COMMANDS = 100;
const MEMORY_RUNS = 1000;
const MEMORY_EVERY = 100;

const started = performance.now();
const log = (s: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s] ${s}\n`);

const ALL = ["status", "exec", "sync", "guardian", "backup", "startup", "loop", "memory"];
const ON_FLEET = ["status", "exec", "sync", "startup", "loop"];
const chosen = new Set(process.argv.slice(2).length ? process.argv.slice(2) : ALL);

async function main(): Promise<number> {
  const unknown = [...chosen].filter((c) => !ALL.includes(c));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(", ")}; choose from ${ALL.join(", ")}`);
  const rows: Row[] = [];
  if (ON_FLEET.some((b) => chosen.has(b))) {
    log(`starting a ${NODES}-node rig...`);
    const fleet = await openFleet(NODES);
    try {
      if (chosen.has("status")) rows.push(...(await statusBench(fleet, RUNS, log)));
      if (chosen.has("exec")) rows.push(...(await execBench(fleet, RUNS, EXECS, log)));
      if (chosen.has("sync")) rows.push(...(await syncBench(log, fleet, RUNS)));
      if (chosen.has("startup")) rows.push(...(await startupBench(fleet, HELP_RUNS, STARTUP_STATUS_RUNS, log)));
      if (chosen.has("loop")) rows.push(...(await loopBench(fleet, LOOP_COMMANDS, log)));
    } finally {
      await fleet.close();
    }
  }
  if (chosen.has("guardian")) rows.push(...(await guardianBench(GUARDIAN_NODES, RUNS, GUARDIAN_HUNG_RUNS, log)));
  if (chosen.has("backup")) rows.push(...(await backupBench(log)));
  if (chosen.has("memory")) rows.push(...(await memoryBench(NODES, MEMORY_RUNS, MEMORY_EVERY, log)));
  process.stdout.write(`\nOyster benchmarks: OpenSSH nodes on loopback (status and exec: ${NODES}; guardian: ${GUARDIAN_NODES}), ${RUNS} runs each, median (min-max)\n`);
  if (GUARDIAN_HUNG_RUNS < RUNS) {
    const n = GUARDIAN_HUNG_RUNS === 1 ? "1 run" : `${GUARDIAN_HUNG_RUNS} runs`;
    process.stdout.write(`[${n}]: guardian rows with a hung node, measured ${GUARDIAN_HUNG_RUNS === 1 ? "once" : `${GUARDIAN_HUNG_RUNS} times`} only, to keep the bench short\n`);
  }
  process.stdout.write(`ratio = baseline / oyster; ConnectTimeout ${CONNECT_TIMEOUT_S} s, concurrency ${CONCURRENCY} on both sides; guardian.py = ssh + sha256sum of 3 files per node\n\n`);
  process.stdout.write(`${renderTable(rows)}\n`);
  if (targets.length > 0) process.stdout.write(`\ntargets:\n${renderTargets(targets)}\n`);
  log("done");
  if (problems.length > 0) {
    process.stderr.write(`\nfigures not to be trusted:\n${problems.map((p) => `- ${p}`).join("\n")}\n`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
