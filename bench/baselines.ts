// What a user runs instead of Oyster, with the real OpenSSH client and the same connect timeout:
// the runbook's sequential loop, an `xargs -P` fan-out (what pdsh does, without pdsh), pdsh
// itself when the machine has it, a ControlMaster-multiplexed connection for repeated execs, and
// today's guardian.py (an ssh round trip plus a sha256 of the dispatch files per node).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { sshArgs } from "../test/helpers/rig/ssh-client.ts";
import { shellQuote } from "../src/ssh/quote.ts";
import { CONCURRENCY, CONNECT_TIMEOUT_S, type Fleet } from "./fleet.ts";
import { expect, timed } from "./measure.ts";

const HOST = "\0host";

/**
 * `ssh -F cfg -o ... <host> <cmd>` as one shell word list, with the host left as `hostWord`; a
 * `{ word }` command is put in as is, for a command the local shell must expand first.
 */
function sshLine(fleet: Pick<Fleet, "rig">, command: string | { word: string }, hostWord: string, extra: string[] = []): string {
  const opts = sshArgs(fleet.rig, HOST, "", CONNECT_TIMEOUT_S).slice(0, -2);
  const cmd = typeof command === "string" ? shellQuote(command) : command.word;
  return ["ssh", ...opts, ...extra, HOST].map((a) => (a === HOST ? hostWord : shellQuote(a))).join(" ") + ` ${cmd}`;
}

/** Every node that answered prints one `uptime` line: count them to know the figure is honest. */
function checkUptimes(label: string, stdout: string, expectUp: number): void {
  const up = stdout.split("\n").filter((l) => l.includes("load average")).length;
  expect(up === expectUp, `${label}: ${up} nodes answered, expected ${expectUp}`);
}

async function bash(label: string, script: string, expectUp: number): Promise<number> {
  const r = await timed("bash", ["-c", script]);
  checkUptimes(label, r.stdout, expectUp);
  return r.ms;
}

export function runbookLoop(fleet: Fleet, expectUp: number): () => Promise<number> {
  const script = `for n in ${fleet.names.join(" ")}; do ${sshLine(fleet, "uptime", '"$n"')}; done`;
  return () => bash("runbook loop", script, expectUp);
}

export function xargsFanOut(fleet: Fleet, expectUp: number): () => Promise<number> {
  // GNU xargs stops reading input when a command exits 255, which is how ssh reports a node it
  // cannot reach: bare `xargs ssh` silently skips the rest of the fleet. `|| :` keeps it going.
  const one = `${sshLine(fleet, "uptime", '"$1"')} || :`;
  const script = `printf '%s\\n' ${fleet.names.join(" ")} | xargs -P ${CONCURRENCY} -I{} sh -c ${shellQuote(one)} _ {}`;
  return () => bash("xargs -P", script, expectUp);
}

/** The files today's guardian.py compares on every node, as the guardian bench seeds them. */
export const GUARDIAN_FILES = ["task-wrapper.sh", "nodes.json", "projects.json"] as const;

/**
 * guardian.py's per-node step: one ssh round trip that hashes the dispatch files. Each rig node
 * has its own dispatch dir, so the loop walks `node:dir` pairs; every node that answered prints
 * one line per file, which must carry the controller's hash.
 */
function hashLine(fleet: Pick<Fleet, "rig">, pair: string): string {
  // `$n` and `$d` are split off the pair by the local shell; the remote shell gets the cd line.
  const remote = { word: `"cd '$d' && sha256sum ${GUARDIAN_FILES.join(" ")}"` };
  return `n=\${${pair}%%:*}; d=\${${pair}#*:}; ${sshLine(fleet, remote, '"$n"')}`;
}

function checkHashes(label: string, stdout: string, want: ReadonlyMap<string, string>, expectUp: number): void {
  const good = stdout.split("\n").filter((l) => {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(l);
    return m !== null && want.get(m[2]!) === m[1];
  }).length;
  expect(good === GUARDIAN_FILES.length * expectUp, `${label}: ${good} matching hashes, expected ${GUARDIAN_FILES.length} from each of ${expectUp} nodes`);
}

const pairs = (fleet: Pick<Fleet, "rig" | "names">) => fleet.names.map((n) => `${n}:${fleet.rig.node(n).dispatchDir}`).join(" ");

/** guardian.py as it is today: node after node. `want` maps each file to the controller's hash. */
export function guardianPyLoop(fleet: Pick<Fleet, "rig" | "names">, want: ReadonlyMap<string, string>, expectUp: number): () => Promise<number> {
  const script = `for p in ${pairs(fleet)}; do ${hashLine(fleet, "p")}; done`;
  return async () => {
    const r = await timed("bash", ["-c", script]);
    checkHashes("guardian.py loop", r.stdout, want, expectUp);
    return r.ms;
  };
}

/** The same step fanned out with `xargs -P`, `|| :` per node as in xargsFanOut. */
export function guardianPyFanOut(fleet: Pick<Fleet, "rig" | "names">, want: ReadonlyMap<string, string>, expectUp: number): () => Promise<number> {
  const one = `${hashLine(fleet, "1")} || :`;
  const script = `printf '%s\\n' ${pairs(fleet)} | xargs -P ${CONCURRENCY} -I{} sh -c ${shellQuote(one)} _ {}`;
  return async () => {
    const r = await timed("bash", ["-c", script]);
    checkHashes("guardian.py xargs -P", r.stdout, want, expectUp);
    return r.ms;
  };
}

export function hasPdsh(): boolean {
  return spawnSync("sh", ["-c", "command -v pdsh"]).status === 0;
}

export function pdshFanOut(fleet: Fleet, expectUp: number): () => Promise<number> {
  const opts = sshArgs(fleet.rig, HOST, "uptime", CONNECT_TIMEOUT_S).slice(0, -2);
  // pdsh's default ssh args add `-l<local user>`, which would override the rig's User; keep the
  // host only and let the -F config decide the rest.
  const env = { ...process.env, PDSH_RCMD_TYPE: "ssh", PDSH_SSH_ARGS: "-x -a %h", PDSH_SSH_ARGS_APPEND: opts.join(" ") };
  return async () => {
    const r = await timed("pdsh", ["-f", String(CONCURRENCY), "-t", String(CONNECT_TIMEOUT_S), "-w", fleet.names.join(","), "uptime"], { env });
    checkUptimes("pdsh", r.stdout, expectUp);
    return r.ms;
  };
}

export interface Multiplexed {
  /** ms per exec of `true` over the shared connection, one new `ssh` process per exec. */
  perExec(count: number): Promise<number>;
  close(): Promise<void>;
}

/** OpenSSH's own kept connection: a ControlMaster, then one `ssh` process per command over it. */
export async function controlMaster(fleet: Fleet, node: string): Promise<Multiplexed> {
  // %C keeps the socket path short and unique; sun_path allows only ~100 bytes.
  const mux = ["-o", `ControlPath=${join(fleet.dir, "cm-%C")}`];
  const open = await timed("bash", ["-c", sshLine(fleet, "true", node, [...mux, "-o", "ControlMaster=auto", "-o", "ControlPersist=120"])]);
  expect(open.code === 0, `ControlMaster to ${node} did not open: ${open.stderr.trim()}`);
  const one = sshLine(fleet, "true", node, mux);
  return {
    async perExec(count) {
      const r = await timed("bash", ["-c", `for i in $(seq ${count}); do ${one} || exit 1; done`]);
      expect(r.code === 0, `ssh over ControlMaster failed: ${r.stderr.trim()}`);
      return r.ms / count;
    },
    async close() {
      await timed("ssh", ["-o", `ControlPath=${join(fleet.dir, "cm-%C")}`, "-F", fleet.rig.sshConfigPath, "-O", "exit", node]);
    },
  };
}
