// Timing, statistics and the summary table shared by every benchmark. Figures are medians of a
// few runs because one run on a 2-core machine is noisy; min and max show how noisy.
import { spawn } from "node:child_process";

export interface Stats {
  median: number;
  min: number;
  max: number;
}

export interface Row {
  scenario: string;
  oyster: Stats;
  /** What a user would run instead; absent for figures kept only for the record. */
  baseline?: Stats;
  unit?: string;
  /** Decimals shown; by default 0 for ms and 2 for any other unit. */
  digits?: number;
  /** What a ratio above / below 1 is called; "faster" / "(slower)" unless given (e.g. memory). */
  ratioWords?: [string, string];
}

/** A figure the issue sets a bound on: printed under the table with its measured value. */
export interface Target {
  bench: string;
  target: string;
  measured: string;
  pass: boolean;
}

/**
 * Targets met or missed. A missed target is a finding, not a broken measurement: it is printed
 * as MISS but does not fail the run (expect() is for figures that cannot be trusted).
 */
export const targets: Target[] = [];

export function target(bench: string, target: string, measured: string, pass: boolean): void {
  targets.push({ bench, target, measured, pass });
}

export function renderTargets(list: Target[]): string {
  const w = Math.max(...list.map((t) => `${t.bench}: ${t.target}`.length));
  return list.map((t) => `${t.pass ? "PASS" : "MISS"}  ${`${t.bench}: ${t.target}`.padEnd(w)}  measured ${t.measured}`).join("\n");
}

/**
 * Anything a benchmark saw that makes its figure meaningless (a healthy node reported down, a
 * baseline that reached fewer nodes): the table is still printed, but `npm run bench` fails.
 */
export const problems: string[] = [];

export function expect(ok: boolean, message: string): void {
  if (!ok) problems.push(message);
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]! };
}

/**
 * Runs each timed function `runs` times, round-robin rather than one after another, so that drift
 * on the machine (another process, thermal) spreads over all of them instead of favouring one.
 */
export async function rounds<K extends string>(runs: number, fns: Record<K, () => Promise<number>>): Promise<Record<K, Stats>> {
  const samples = {} as Record<K, number[]>;
  for (let i = 0; i < runs; i++) {
    for (const key of Object.keys(fns) as K[]) (samples[key] ??= []).push(await fns[key]());
  }
  const out = {} as Record<K, Stats>;
  for (const key of Object.keys(fns) as K[]) out[key] = stats(samples[key]);
  return out;
}

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

// Process groups of children still running: killed if the bench dies mid-measurement (Ctrl-C
// reaches only the foreground group, and these are detached), so no ssh loop outlives it.
const running = new Set<number>();
process.on("exit", () => {
  for (const pid of running) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

/** Runs a process to completion, timed from spawn to exit; a stuck one is killed with its group. */
export function timed(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<Ran> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    // Own process group, so a runaway shell loop can be killed with its ssh children.
    const child = spawn(cmd, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ["ignore", "pipe", "pipe"], detached: true });
    if (child.pid !== undefined) running.add(child.pid);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    }, opts.timeoutMs ?? 60_000);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (child.pid !== undefined) running.delete(child.pid);
      resolve({ code, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

const fmt = (s: Stats, unit: string, digits?: number): string => {
  const d = digits ?? (unit === "ms" ? 0 : 2);
  return `${s.median.toFixed(d)} (${s.min.toFixed(d)}-${s.max.toFixed(d)})`;
};

/** The summary: median (min-max) of each side, and how many times faster Oyster is. */
export function renderTable(rows: Row[]): string {
  const head = ["scenario", "oyster ms", "baseline ms", "ratio"];
  const body = rows.map((r) => {
    const unit = r.unit ?? "ms";
    const suffix = unit === "ms" ? "" : ` ${unit.replace(/^ms/, "")}`;
    const ratio = r.baseline ? r.baseline.median / r.oyster.median : undefined;
    return [
      r.scenario,
      fmt(r.oyster, unit, r.digits) + suffix,
      r.baseline ? fmt(r.baseline, unit, r.digits) + suffix : "-",
      ratio === undefined ? "-" : `${ratio.toFixed(ratio < 10 ? 2 : 1)}x ${(r.ratioWords ?? ["faster", "(slower)"])[ratio >= 1 ? 0 : 1]}`,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}
