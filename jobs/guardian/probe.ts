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

/**
 * One round trip (`true`) per node, all nodes in parallel (bounded by ssh.concurrency), given as
 * long as a connection may take: `true` has nothing to wait for.
 */
export async function probeNodes(ssh: SshPool, nodes: readonly string[], timeoutMs: number): Promise<Map<string, Reachability>> {
  const roundTrip = async (node: string) => {
    const started = performance.now();
    const r = await ssh.exec(node, "true", { timeoutMs });
    if (r.code !== 0) throw new Error(`true exited ${r.code}`);
    return Math.round(performance.now() - started);
  };
  const outcomes = await ssh.forEach(nodes, async (t) => {
    try {
      return await roundTrip(t.name);
    } catch (err) {
      // A kept connection that stalls says nothing about why (node gone, or sshd hung). The pool
      // has dropped it; a fresh dial tells the two apart, so a hang is blamed on the same check
      // whether or not a connection was open when it began.
      if (toOysterError(err).details.phase !== "command") throw err;
      return roundTrip(t.name);
    }
  });
  return new Map(
    outcomes.map((o): [string, Reachability] => [o.node, o.ok ? { node: o.node, state: "up", latencyMs: o.value } : classify(o.node, o.error)]),
  );
}
