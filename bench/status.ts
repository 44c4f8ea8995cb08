// `oyster status` against the tools a user would use instead. Three views of Oyster: a fresh CLI
// process (what a terminal user pays: Node start, config, cold dials), and in one process the
// first status (cold dials) and a second one over the connections the pool kept open, which is
// what the running bot (and Slack's `/oyster status`) pays.
import { fileURLToPath } from "node:url";
import { status, type StatusData } from "../commands/status.ts";
import type { CommandContext } from "../src/command/types.ts";
import { openRuntime } from "../src/runtime.ts";
import { hasPdsh, pdshFanOut, runbookLoop, xargsFanOut } from "./baselines.ts";
import { CONNECT_TIMEOUT_S, withFaults, type Fleet } from "./fleet.ts";
import { expect, rounds, stats, target, timed, type Row } from "./measure.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

function cli(fleet: Fleet, argv: string[], check: (code: number | null, stdout: string) => void): () => Promise<number> {
  return async () => {
    const r = await timed(process.execPath, ["bin/oyster.js", ...argv], { env: fleet.env, cwd: ROOT });
    check(r.code, r.stdout);
    return r.ms;
  };
}

function cliStatus(fleet: Fleet, expectUp: number): () => Promise<number> {
  return cli(fleet, ["status", "--json"], (code, stdout) => {
    let up = -1;
    try {
      up = (JSON.parse(stdout) as StatusData).nodes.filter((n) => n.reachable).length;
    } catch {
      // up stays -1: reported below with the exit code
    }
    const wantCode = expectUp === fleet.names.length ? 0 : 1;
    expect(code === wantCode && up === expectUp, `oyster status: exit ${code}, ${up} reachable; expected exit ${wantCode}, ${expectUp}`);
  });
}

/** Baselines for one fleet state, measured round-robin with the CLI. */
async function againstBaselines(fleet: Fleet, runs: number, expectUp: number) {
  return rounds(runs, {
    oyster: cliStatus(fleet, expectUp),
    loop: runbookLoop(fleet, expectUp),
    xargs: xargsFanOut(fleet, expectUp),
    ...(hasPdsh() ? { pdsh: pdshFanOut(fleet, expectUp) } : {}),
  } as Record<"oyster" | "loop" | "xargs" | "pdsh", () => Promise<number>>);
}

/** Two status runs over one SshPool, from a fresh runtime each time so the first dials cold. */
async function inProcess(fleet: Fleet, runs: number): Promise<{ first: number[]; second: number[] }> {
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < runs; i++) {
    const rt = openRuntime({ processEnv: fleet.env, stderrLevel: "warn" });
    try {
      const ctx: CommandContext = {
        config: rt.config, store: rt.store, ssh: rt.ssh, log: rt.log.child({ cmd: "status", user: "bench" }),
        caller: { who: "bench", via: "cli", role: "admin" }, now: () => new Date(), env: process.env,
        dataDir: rt.env.dataDir, commands: [],
      };
      for (const into of [first, second]) {
        const t0 = performance.now();
        const r = await status.run(ctx, { nodes: [] });
        into.push(performance.now() - t0);
        expect(r.ok, `in-process status: ${r.data.nodes.filter((n) => !n.reachable).map((n) => `${n.name}: ${n.error}`).join("; ")}`);
      }
    } finally {
      await rt.close();
    }
  }
  return { first, second };
}

export async function statusBench(fleet: Fleet, runs: number, log: (s: string) => void): Promise<Row[]> {
  const n = fleet.names.length;
  const pdsh = hasPdsh();
  if (!pdsh) log("pdsh is not installed: its rows are skipped (xargs -P stands in for it)");

  // tsx compiles on first use and caches the result: fill the cache before timing anything.
  await cli(fleet, ["help", "--json"], (code) => expect(code === 0, `oyster help exited ${code}`))();
  log("process start only (oyster help)...");
  const startup = await rounds(runs, { help: cli(fleet, ["help", "--json"], () => {}) });

  log(`status, ${n} healthy: CLI vs runbook loop, xargs -P${pdsh ? ", pdsh" : ""}...`);
  const healthy = await againstBaselines(fleet, runs, n);
  log(`status, ${fleet.stopped} stopped + ${fleet.hung} hung...`);
  const faulty = await withFaults(fleet, () => againstBaselines(fleet, runs, n - 2));
  log("status twice in one process (cold dials, then kept connections)...");
  const { first, second } = await inProcess(fleet, runs);

  const base = `status, ${n} nodes`;
  // Issue 16: a hung node costs one connect timeout, not more.
  const max = healthy.oyster.median + CONNECT_TIMEOUT_S * 1000 + 500;
  target("status", `1 stopped + 1 hung <= healthy + connect timeout + 0.5 s (${max.toFixed(0)} ms)`, `${faulty.oyster.median.toFixed(0)} ms`, faulty.oyster.median <= max);
  const rows: Row[] = [
    { scenario: "CLI process start + config, no SSH (oyster help)", oyster: startup.help },
    { scenario: `${base} healthy: new CLI process vs runbook ssh loop`, oyster: healthy.oyster, baseline: healthy.loop },
    { scenario: `${base} healthy: new CLI process vs xargs -P16 ssh`, oyster: healthy.oyster, baseline: healthy.xargs },
    { scenario: `${base} 1 stopped + 1 hung: new CLI process vs runbook loop`, oyster: faulty.oyster, baseline: faulty.loop },
    { scenario: `${base} 1 stopped + 1 hung: new CLI process vs xargs -P16`, oyster: faulty.oyster, baseline: faulty.xargs },
    { scenario: `${base} healthy: in-process 1st status (cold dials) vs xargs -P16`, oyster: stats(first), baseline: healthy.xargs },
    { scenario: `${base} healthy: 2nd status over kept connections vs xargs -P16`, oyster: stats(second), baseline: healthy.xargs },
    { scenario: `${base} healthy: 2nd status over kept connections vs runbook loop`, oyster: stats(second), baseline: healthy.loop },
  ];
  if (pdsh) {
    rows.splice(3, 0, { scenario: `${base} healthy: new CLI process vs pdsh -f16`, oyster: healthy.oyster, baseline: healthy.pdsh });
    rows.push({ scenario: `${base} 1 stopped + 1 hung: new CLI process vs pdsh -f16`, oyster: faulty.oyster, baseline: faulty.pdsh });
  }
  return rows;
}
