import type { SshPool } from "../ssh/index.ts";
import { OysterError } from "../errors.ts";

/** What the runbook's `ps aux | grep` looked for: dispatch, the agents and the watchers. */
export const PROCESS_PATTERN = /dispatch|agent|watcher/i;
export const COMMAND_CHARS = 120;

export interface NodeProcess {
  pid: number;
  user: string;
  elapsedSeconds: number;
  cpuPct: number;
  memPct: number;
  /** The full command line, cut at 120 characters. */
  command: string;
}

export interface NodeProcesses {
  node: string;
  processes: NodeProcess[];
  /** Processes on the node in all, matching or not. */
  total: number;
}

// procps: one line per process, no header, arguments unabridged (-ww); etimes is seconds.
// user:32: ps cuts longer names to 8 characters with a "+".
export const PS_COMMAND = "ps -eo pid=,user:32=,etimes=,pcpu=,pmem=,args= -ww";

// The ps itself appears in its own output; it is left out.
const PS_ITSELF = PS_COMMAND.split(" -ww")[0]!;

/** Parses PS_COMMAND's output and keeps the processes that match; the ps itself never does. */
export function parsePs(stdout: string): { processes: NodeProcess[]; total: number } {
  const lines = stdout.split("\n").filter((l) => l.trim() !== "");
  const processes: NodeProcess[] = [];
  for (const line of lines) {
    const m = /^\s*(\d+)\s+(\S+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const args = m[6]!;
    if (!PROCESS_PATTERN.test(args) || args.startsWith(PS_ITSELF)) continue;
    processes.push({
      pid: Number(m[1]),
      user: m[2]!,
      elapsedSeconds: Number(m[3]),
      cpuPct: Number(m[4]),
      memPct: Number(m[5]),
      command: args.length > COMMAND_CHARS ? `${args.slice(0, COMMAND_CHARS - 1)}…` : args,
    });
  }
  return { processes, total: lines.length };
}

/** One `ps` over the node's kept connection. */
export async function nodeProcesses(ssh: SshPool, node: string): Promise<NodeProcesses> {
  const r = await ssh.exec(node, PS_COMMAND);
  if (r.code !== 0) throw new OysterError("CommandFailed", `ps on ${node} exited ${r.code}: ${r.stderr.trim().split("\n")[0] ?? ""}`, { node });
  return { node, ...parsePs(r.stdout) };
}
