// What a user runs instead of Oyster, with the real OpenSSH client and the same connect timeout:
// the runbook's sequential loop, an `xargs -P` fan-out (what pdsh does, without pdsh), pdsh
// itself when the machine has it, and a ControlMaster-multiplexed connection for repeated execs.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { sshArgs } from "../test/helpers/rig/ssh-client.ts";
import { shellQuote } from "../src/ssh/quote.ts";
import { CONCURRENCY, CONNECT_TIMEOUT_S, type Fleet } from "./fleet.ts";
import { expect, timed } from "./measure.ts";

const HOST = "\0host";

/** `ssh -F cfg -o ... <host> <cmd>` as one shell word list, with the host left as `hostWord`. */
function sshLine(fleet: Fleet, command: string, hostWord: string, extra: string[] = []): string {
  const args = sshArgs(fleet.rig, HOST, command, CONNECT_TIMEOUT_S);
  const opts = args.slice(0, -2);
  return ["ssh", ...opts, ...extra, HOST, command].map((a) => (a === HOST ? hostWord : shellQuote(a))).join(" ");
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
