// `npm run bench`: every benchmark against one 20-node rig, then one summary table. The rig is
// torn down whatever happens (the rig's own exit hooks also cover Ctrl-C), and the run fails when
// a benchmark saw something that makes its figure meaningless.
import { execBench } from "./exec.ts";
import { CONCURRENCY, CONNECT_TIMEOUT_S, openFleet } from "./fleet.ts";
import { problems, renderTable, type Row } from "./measure.ts";
import { statusBench } from "./status.ts";

const NODES = 20;
const RUNS = 3;
const EXECS = 200;

const started = performance.now();
const log = (s: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s] ${s}\n`);

async function main(): Promise<number> {
  log(`starting a ${NODES}-node rig...`);
  const fleet = await openFleet(NODES);
  const rows: Row[] = [];
  try {
    rows.push(...(await statusBench(fleet, RUNS, log)));
    rows.push(...(await execBench(fleet, RUNS, EXECS, log)));
  } finally {
    await fleet.close();
  }
  process.stdout.write(`\nOyster benchmarks: ${NODES} OpenSSH nodes on loopback, ${RUNS} runs each, median (min-max)\n`);
  process.stdout.write(`ratio = baseline / oyster; ConnectTimeout ${CONNECT_TIMEOUT_S} s, concurrency ${CONCURRENCY} on both sides\n\n`);
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
