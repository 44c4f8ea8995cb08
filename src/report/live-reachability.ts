import { readResources } from "../resources/read-resources.ts";
import { resourcesCommand } from "../resources/remote-command.ts";
import { splitSections } from "../resources/sections.ts";
import type { SshPool } from "../ssh/index.ts";
import type { Reachability } from "./types.ts";

/**
 * "Up now" means the node runs a command over SSH (as `oyster status` checks it): one exec per
 * node, in parallel over the pool's kept connections, that also reads its disks and memory.
 */
export function liveReachability(ssh: SshPool): () => Promise<Reachability[]> {
  return async () => {
    const outcomes = await ssh.forEach(ssh.nodeNames, (t) => ssh.exec(t.name, `${resourcesCommand(t.dispatchDir)}; exit 0`));
    return outcomes.map((o) =>
      o.ok ? { node: o.node, up: true, resources: readResources(splitSections(o.value.stdout)) } : { node: o.node, up: false, error: `${o.error.code}: ${o.error.message}` },
    );
  };
}
