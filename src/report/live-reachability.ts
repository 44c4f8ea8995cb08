import type { SshPool } from "../ssh/index.ts";
import type { Reachability } from "./types.ts";

/**
 * "Up now" means the node runs a command over SSH (as `oyster status` checks it): one `true`
 * per node, in parallel over the pool's kept connections.
 */
export function liveReachability(ssh: SshPool): () => Promise<Reachability[]> {
  return async () => {
    const outcomes = await ssh.forEach(ssh.nodeNames, (t) => ssh.exec(t.name, "true"));
    return outcomes.map((o) => (o.ok ? { node: o.node, up: true } : { node: o.node, up: false, error: `${o.error.code}: ${o.error.message}` }));
  };
}
