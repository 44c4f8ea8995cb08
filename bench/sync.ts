// `oyster sync` against what an operator would run instead: an rsync loop over the fleet, and
// rsync 16 at a time (xargs -P16), each with the first push (nodes empty) and a no-change run.
// Oyster is timed in-process over kept connections (the bot's hourly job) and as a new CLI process
// (`oyster sync --yes`: Node start, cold dials, then the sync; --yes skips the plan).
// Alone: `npm run bench -- sync`.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openRuntime, type Runtime } from "../src/runtime.ts";
import { shellQuote } from "../src/ssh/quote.ts";
import { syncFleet, type SyncReport } from "../src/sync/index.ts";
import { writeRigConfig } from "../test/helpers/rig-config.ts";
import { sshArgs } from "../test/helpers/rig/ssh-client.ts";
import { CONCURRENCY, CONNECT_TIMEOUT_S, openFleet, type Fleet } from "./fleet.ts";
import { expect, rounds, timed, type Row } from "./measure.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** The five core files at the sizes they have in practice. */
const FILES: Array<[name: string, bytes: number, mode: number]> = [
  ["dispatch.py", 40_000, 0o644],
  ["task-wrapper.sh", 4_000, 0o755],
  ["task-watcher.py", 20_000, 0o644],
  ["nodes.json", 2_000, 0o644],
  ["projects.json", 2_000, 0o644],
];
const NAMES = FILES.map(([n]) => n);

/** Source-like text that does not compress to nothing (a seeded generator, so runs compare). */
function sourceText(bytes: number, seed: number): string {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  let out = "";
  for (let i = 0; out.length < bytes; i++) out += `def step_${i}(task, n=${Math.floor(rand() * 1e6)}):\n    return run(task, ${rand().toFixed(8)}, "${rand().toString(36).slice(2)}")\n`;
  return `${out.slice(0, bytes - 1)}\n`;
}

interface SyncSetup {
  env: NodeJS.ProcessEnv;
  dispatchDir: string;
  /** "node-1:/abs/dispatch" for each node, as rsync takes a destination. */
  dests: string[];
  emptyNodes(): void;
  /** Every node holds the controller's five files, content and mode. */
  nodesMatch(): boolean;
}

function setUp(fleet: Fleet): SyncSetup {
  const base = join(fleet.dir, "sync");
  const dispatchDir = join(base, "dispatch");
  mkdirSync(dispatchDir, { recursive: true });
  FILES.forEach(([name, bytes, mode], i) => writeFileSync(join(dispatchDir, name), sourceText(bytes, i + 1), { mode }));
  const configDir = join(base, "config");
  writeRigConfig(fleet.rig, configDir, { ssh: { connectTimeoutMs: CONNECT_TIMEOUT_S * 1000, concurrency: CONCURRENCY }, oyster: { dispatch: { dir: dispatchDir } } });
  const nodes = fleet.rig.nodes;
  const same = (a: string, b: string) => readFileSync(a).equals(readFileSync(b)) && (statSync(a).mode & 0o777) === (statSync(b).mode & 0o777);
  return {
    env: { ...process.env, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: join(base, "data") },
    dispatchDir,
    dests: nodes.map((n) => `${n.name}:${n.dispatchDir}`),
    emptyNodes: () => nodes.forEach((n) => NAMES.forEach((f) => rmSync(join(n.dispatchDir, f), { force: true }))),
    nodesMatch: () => nodes.every((n) => NAMES.every((f) => {
      try { return same(join(dispatchDir, f), join(n.dispatchDir, f)); } catch { return false; }
    })),
  };
}

function checkReport(label: string, r: SyncReport | undefined, nodes: number, first: boolean): void {
  const t = r?.totals;
  const want = first ? { changed: nodes, unchanged: 0, files: nodes * FILES.length } : { changed: 0, unchanged: nodes, files: 0 };
  expect(Boolean(r?.ok && t && t.changed === want.changed && t.unchanged === want.unchanged && t.files === want.files), `${label}: ${JSON.stringify(t)}, expected ${JSON.stringify(want)}`);
}

/** rsync over the same OpenSSH client settings the other baselines use; `-i` lists what it sent. */
function rsyncScripts(fleet: Fleet, s: SyncSetup): { loop: string; fanOut: string } {
  const ssh = ["ssh", ...sshArgs(fleet.rig, "h", "c", CONNECT_TIMEOUT_S).slice(0, -2)].join(" ");
  const files = NAMES.map(shellQuote).join(" ");
  const one = `rsync -ai -e ${shellQuote(ssh)} ${files}`;
  const cd = `cd ${shellQuote(s.dispatchDir)}`;
  return {
    loop: `${cd} && for d in ${s.dests.map(shellQuote).join(" ")}; do ${one} "$d/" || :; done`,
    // `|| :` so that one unreachable node does not make xargs stop feeding the rest.
    fanOut: `${cd} && printf '%s\\n' ${s.dests.map(shellQuote).join(" ")} | xargs -P ${CONCURRENCY} -I{} sh -c ${shellQuote(`${one} "$1/" || :`)} _ {}`,
  };
}

function rsyncRun(label: string, script: string, s: SyncSetup, sentFiles: number): () => Promise<number> {
  return async () => {
    const r = await timed("bash", ["-c", script]);
    const sent = r.stdout.split("\n").filter((l) => l.startsWith("<f")).length;
    expect(sent === sentFiles && s.nodesMatch(), `${label}: sent ${sent} files (expected ${sentFiles}), nodes match: ${s.nodesMatch()}; ${r.stderr.trim().slice(0, 200)}`);
    return r.ms;
  };
}

function inProcess(rt: Runtime, nodes: number, first: boolean): () => Promise<number> {
  return async () => {
    const t0 = performance.now();
    const report = await syncFleet(rt, { dryRun: false });
    const ms = performance.now() - t0;
    checkReport(`in-process ${first ? "first" : "no-change"} sync`, report, nodes, first);
    return ms;
  };
}

// Until commands/index.ts lists sync, the same start-up as bin/oyster.js with sync added.
const STAND_IN = `import { register } from "tsx/esm/api"; register();
const { runCli } = await import("./src/cli.ts"); const { commands } = await import("./commands/index.ts"); const { sync } = await import("./commands/sync.ts");
process.exitCode = await runCli(process.argv.slice(1), { commands: [...commands, sync] }); setTimeout(() => process.exit(), 2000).unref();`;

async function oysterArgv(): Promise<string[]> {
  const { commands } = await import("../commands/index.ts");
  return commands.some((c) => c.name === "sync") ? ["bin/oyster.js"] : ["--input-type=module", "-e", STAND_IN];
}

function cli(s: SyncSetup, nodes: number, first: boolean, argv: string[]): () => Promise<number> {
  return async () => {
    const r = await timed(process.execPath, [...argv, "sync", "--yes", "--json"], { env: s.env, cwd: ROOT });
    let report: SyncReport | undefined;
    try { report = JSON.parse(r.stdout) as SyncReport; } catch { /* reported by checkReport below */ }
    expect(r.code === 0, `oyster sync exited ${r.code}: ${r.stdout.slice(0, 200)}`);
    checkReport(`CLI ${first ? "first" : "no-change"} sync`, report, nodes, first);
    return r.ms;
  };
}

/** Runs `setup` untimed before each timed run of `fn`. */
const after = (setup: () => unknown, fn: () => Promise<number>) => async () => {
  await setup();
  return fn();
};

export async function syncBench(log: (s: string) => void, fleet?: Fleet, runs = 3): Promise<Row[]> {
  const own = fleet ? undefined : await openFleet(20);
  const f = (fleet ?? own)!;
  try {
    const n = f.names.length;
    const s = setUp(f);
    const hasRsync = spawnSync("sh", ["-c", "command -v rsync"]).status === 0;
    if (!hasRsync) log("rsync is not installed (apt-get install -y rsync): its baselines are skipped");
    const rs = rsyncScripts(f, s);
    const argv = await oysterArgv();
    if (argv[0] !== "bin/oyster.js") log("sync is not in commands/index.ts yet: the CLI rows run bin/oyster.js's start-up with sync added");
    const rt = openRuntime({ processEnv: s.env, stderrLevel: "warn" });
    try {
      await rt.ssh.forEach(f.names, (t) => rt.ssh.exec(t.name, "true")); // dial outside the timing
      const synced = () => syncFleet(rt, { dryRun: false });
      log(`sync ${FILES.length} files to ${n} nodes, first push (nodes emptied before each run)...`);
      const first = await rounds(runs, {
        inProcess: after(s.emptyNodes, inProcess(rt, n, true)),
        cli: after(s.emptyNodes, cli(s, n, true, argv)),
        ...(hasRsync ? { loop: after(s.emptyNodes, rsyncRun("rsync loop, first", rs.loop, s, n * FILES.length)) } : {}),
        ...(hasRsync ? { fanOut: after(s.emptyNodes, rsyncRun("rsync -P16, first", rs.fanOut, s, n * FILES.length)) } : {}),
      } as Record<"inProcess" | "cli" | "loop" | "fanOut", () => Promise<number>>);
      log("no-change sync (each tool brings the nodes in line untimed first)...");
      const rsyncFirst = () => timed("bash", ["-c", rs.fanOut]);
      const same = await rounds(runs, {
        inProcess: after(synced, inProcess(rt, n, false)),
        cli: after(synced, cli(s, n, false, argv)),
        ...(hasRsync ? { loop: after(rsyncFirst, rsyncRun("rsync loop, no change", rs.loop, s, 0)) } : {}),
        ...(hasRsync ? { fanOut: after(rsyncFirst, rsyncRun("rsync -P16, no change", rs.fanOut, s, 0)) } : {}),
      } as Record<"inProcess" | "cli" | "loop" | "fanOut", () => Promise<number>>);

      const base = `sync ${FILES.length} files (68 KB) to ${n} nodes`;
      const rows: Row[] = [];
      for (const [label, st] of [["first push", first], ["no change", same]] as const) {
        rows.push(
          { scenario: `${base}, ${label}: in-process, kept connections vs rsync loop`, oyster: st.inProcess, ...(hasRsync ? { baseline: st.loop } : {}) },
          { scenario: `${base}, ${label}: in-process, kept connections vs rsync -P16`, oyster: st.inProcess, ...(hasRsync ? { baseline: st.fanOut } : {}) },
          { scenario: `${base}, ${label}: new CLI process (sync --yes) vs rsync loop`, oyster: st.cli, ...(hasRsync ? { baseline: st.loop } : {}) },
          { scenario: `${base}, ${label}: new CLI process (sync --yes) vs rsync -P16`, oyster: st.cli, ...(hasRsync ? { baseline: st.fanOut } : {}) },
        );
      }
      return rows;
    } finally {
      await rt.close();
    }
  } finally {
    await own?.close();
  }
}
