// `npm run bench [-- status guardian sync backup]`: status, exec and sync against one 20-node
// rig, the guardian against a 50-node one, backup of a 1 GB dispatch.db, then one summary table
// (name benchmarks to run only those; backup needs ~4 GB in the temp dir). Each rig is torn down whatever happens (the rig's own exit hooks also
// cover Ctrl-C), and the run fails when a benchmark saw something that makes its figure meaningless.
import { backupBench } from "./backup.ts";
import { execBench } from "./exec.ts";
import { CONCURRENCY, CONNECT_TIMEOUT_S, openFleet } from "./fleet.ts";
import { guardianBench } from "./guardian.ts";
import { problems, renderTable, type Row } from "./measure.ts";
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

const started = performance.now();
const log = (s: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s] ${s}\n`);

const ALL = ["status", "exec", "sync", "guardian", "backup"];
const chosen = new Set(process.argv.slice(2).length ? process.argv.slice(2) : ALL);

async function main(): Promise<number> {
  const unknown = [...chosen].filter((c) => !ALL.includes(c));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(", ")}; choose from ${ALL.join(", ")}`);
  const rows: Row[] = [];
  if (chosen.has("status") || chosen.has("exec") || chosen.has("sync")) {
    log(`starting a ${NODES}-node rig...`);
    const fleet = await openFleet(NODES);
    try {
      if (chosen.has("status")) rows.push(...(await statusBench(fleet, RUNS, log)));
      if (chosen.has("exec")) rows.push(...(await execBench(fleet, RUNS, EXECS, log)));
      if (chosen.has("sync")) rows.push(...(await syncBench(log, fleet, RUNS)));
    } finally {
      await fleet.close();
    }
  }
  if (chosen.has("guardian")) rows.push(...(await guardianBench(GUARDIAN_NODES, RUNS, GUARDIAN_HUNG_RUNS, log)));
  if (chosen.has("backup")) rows.push(...(await backupBench(log)));
  process.stdout.write(`\nOyster benchmarks: OpenSSH nodes on loopback (status and exec: ${NODES}; guardian: ${GUARDIAN_NODES}), ${RUNS} runs each, median (min-max)\n`);
  if (GUARDIAN_HUNG_RUNS < RUNS) {
    const n = GUARDIAN_HUNG_RUNS === 1 ? "1 run" : `${GUARDIAN_HUNG_RUNS} runs`;
    process.stdout.write(`[${n}]: guardian rows with a hung node, measured ${GUARDIAN_HUNG_RUNS === 1 ? "once" : `${GUARDIAN_HUNG_RUNS} times`} only, to keep the bench short\n`);
  }
  process.stdout.write(`ratio = baseline / oyster; ConnectTimeout ${CONNECT_TIMEOUT_S} s, concurrency ${CONCURRENCY} on both sides; guardian.py = ssh + sha256sum of 3 files per node\n\n`);
  process.stdout.write(`${renderTable(rows)}\n`);
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
