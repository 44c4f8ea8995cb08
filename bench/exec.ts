// Sequential execs over one kept connection: the cost each guardian check or command step pays
// once the pool is warm. Recorded with TCP_NODELAY as the pool sets it and with Nagle back on
// (ssh2's default), because that one socket option is most of the per-exec cost; and against
// OpenSSH's own kept connection (ControlMaster), what a user would script instead.
import type { Socket } from "node:net";
import type { SshPool } from "../src/ssh/index.ts";
import { openRuntime } from "../src/runtime.ts";
import { controlMaster } from "./baselines.ts";
import type { Fleet } from "./fleet.ts";
import { expect, rounds, type Row } from "./measure.ts";

async function perExec(pool: SshPool, node: string, count: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const r = await pool.exec(node, "true");
    if (r.code !== 0) {
      expect(false, `exec true on ${node} exited ${r.code}: ${r.stderr.trim()}`);
      break;
    }
  }
  return (performance.now() - t0) / count;
}

/**
 * The socket under a pooled client. ssh2 keeps it in a private field; reaching in is acceptable
 * in a benchmark, and it lets the same SshPool.exec path be timed with the option on and off.
 */
async function socketOf(pool: SshPool, node: string): Promise<Socket> {
  const client = (await pool.client(node)) as unknown as { _sock?: Socket };
  if (!client._sock) throw new Error(`no socket under the ${node} connection`);
  return client._sock;
}

export async function execBench(fleet: Fleet, runs: number, count: number, log: (s: string) => void): Promise<Row[]> {
  const node = fleet.names[0]!;
  log(`${count} sequential execs of true over one kept connection to ${node} (NODELAY on/off, ControlMaster)...`);
  const rt = openRuntime({ processEnv: fleet.env, stderrLevel: "warn" });
  const mux = await controlMaster(fleet, node);
  try {
    await rt.ssh.exec(node, "true"); // dial outside the timing
    const sock = await socketOf(rt.ssh, node);
    const withOption = (noDelay: boolean) => async () => {
      sock.setNoDelay(noDelay);
      try {
        return await perExec(rt.ssh, node, count);
      } finally {
        sock.setNoDelay(true);
      }
    };
    const r = await rounds(runs, { on: withOption(true), off: withOption(false), mux: () => mux.perExec(count) });
    expect(rt.ssh.isOpen(node), `the kept connection to ${node} was re-dialled during the exec runs`);
    return [
      { scenario: `${count} execs over one kept connection: TCP_NODELAY on vs off (ssh2 default)`, oyster: r.on, baseline: r.off, unit: "ms/exec" },
      { scenario: `${count} execs over one kept connection: SshPool.exec vs ssh over ControlMaster`, oyster: r.on, baseline: r.mux, unit: "ms/exec" },
    ];
  } finally {
    await mux.close();
    await rt.close();
  }
}
