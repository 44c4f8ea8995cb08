import { toOysterError, type OysterError } from "../../src/errors.ts";
import type { SshPool } from "../../src/ssh/index.ts";

/**
 * How a node answered: `up` (a round trip over SSH), `down` (nothing answers at TCP level: the
 * node_availability check's case), or `ssh-broken` (TCP answers, SSH does not: auth, host key,
 * handshake; the ssh_connection check's case).
 */
export type Reachability =
  | { node: string; state: "up"; latencyMs: number }
  | { node: string; state: "down" | "ssh-broken"; error: OysterError };

export function classify(node: string, err: unknown): Reachability {
  const e = toOysterError(err);
  const tcpConnected = e.details.tcpConnected === true;
  const down = (e.code === "SshUnreachable" || e.code === "SshTimeout") && !tcpConnected;
  return { node, state: down ? "down" : "ssh-broken", error: e };
}

/** One round trip (`true`) per node, all nodes in parallel (bounded by ssh.concurrency). */
export async function probeNodes(ssh: SshPool, nodes: readonly string[]): Promise<Map<string, Reachability>> {
  const outcomes = await ssh.forEach(nodes, async (t) => {
    const started = performance.now();
    const r = await ssh.exec(t.name, "true");
    if (r.code !== 0) throw new Error(`true exited ${r.code}`);
    return Math.round(performance.now() - started);
  });
  return new Map(
    outcomes.map((o): [string, Reachability] => [o.node, o.ok ? { node: o.node, state: "up", latencyMs: o.value } : classify(o.node, o.error)]),
  );
}
