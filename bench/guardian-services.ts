// What reading each node's services costs a warm guardian run: the probe's `true` becomes one
// `systemctl show` of the node's units in the same round trip, so the run should stay within
// 1.3x of the run without services (issue 13). Both sides run in one process over kept
// connections, alternating per round so drift on the machine spreads over both.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { GuardianReport } from "../jobs/guardian/report.ts";
import { expect, stats, target, type Row } from "./measure.ts";

/** Two units per node, as a node with agent-daemon and its watcher has. */
export const BENCH_SERVICES = ["agent-daemon", "agent-watcher"];
/** Warm runs per side per round, after one cold run that dials every node. */
export const WARM_RUNS = 5;
const WITHIN = 1.3;

/** The guardian's reachability probe, with or without services. */
export function isProbe(command: string): boolean {
  return command === "true" || command.includes("systemctl show");
}

/** A copy of a config dir whose nodes all list `services`. */
export function withServices(configDir: string, into: string, services: readonly string[]): string {
  cpSync(configDir, into, { recursive: true });
  const file = join(into, "nodes.json");
  const doc = JSON.parse(readFileSync(file, "utf8")) as { nodes: Array<Record<string, unknown>> };
  for (const n of doc.nodes) n.services = [...services];
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return into;
}

/** Runs the guardian in a fresh runtime over `configDir`: once cold, then `warm` times; the warm runs. */
export type WarmRunner = (configDir: string, warm: number, label: string) => Promise<Array<{ ms: number; report: GuardianReport }>>;

export interface ServicesFigures {
  without: number[];
  with: number[];
}

export async function inProcessServices(run: WarmRunner, configs: { without: string; with: string }, rounds: number): Promise<ServicesFigures> {
  const out: ServicesFigures = { without: [], with: [] };
  for (let i = 0; i < rounds; i++) {
    // Alternate which side goes first, so neither always follows the other's teardown.
    const order = i % 2 ? (["with", "without"] as const) : (["without", "with"] as const);
    for (const side of order) {
      const runs = await run(configs[side], WARM_RUNS, `warm run ${side} services`);
      out[side].push(...runs.map((r) => r.ms));
      if (side === "with") {
        const read = runs.every((r) => r.report.results.filter((x) => x.check === "node_availability").every((x) => x.detail.endsWith(`services active: ${BENCH_SERVICES.join(", ")}`)));
        expect(read, "warm run with services: some node_availability result did not read every service as active");
      }
    }
  }
  return out;
}

export function servicesRows(base: string, f: ServicesFigures): Row[] {
  const withS = stats(f.with);
  const without = stats(f.without);
  const ratio = withS.median / without.median;
  target("guardian", `warm run, ${BENCH_SERVICES.length} services per node, within ${WITHIN}x of none`, `${ratio.toFixed(2)}x (${withS.median.toFixed(0)} vs ${without.median.toFixed(0)} ms)`, ratio <= WITHIN);
  return [
    { scenario: `${base} healthy: warm run, ${BENCH_SERVICES.length} services per node (systemctl show in the probe) vs none (true)`, oyster: withS, baseline: without, ratioWords: ["faster", "(slower)"] },
  ];
}
