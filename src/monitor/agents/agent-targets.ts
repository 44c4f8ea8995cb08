import type { Config } from "../../config/index.ts";
import type { AgentProvider } from "../../config/schemas/monitor-agents.ts";

/** One agent account to read on one node, as the node-side reader receives it. */
export interface AgentRequest {
  /** `provider:label`, as `monitor.pauseNodes` and the alerts name the account. */
  key: string;
  provider: AgentProvider;
  label: string;
  source: string;
  /** The agent's directory on that node, `{node}` replaced; `~` is left for the node to expand. */
  dir: string;
}

export type AgentAccount = Config["oyster"]["monitor"]["agents"][number];

/**
 * The nodes an agent account is read on: those named, those carrying one of its tags, and every
 * node of the fleet when it names neither. Names that are not in nodes.json come back apart, so
 * the account can say so instead of reading nothing in silence.
 */
export function accountNodes(account: AgentAccount, nodes: Config["nodes"]): { nodes: string[]; unknown: string[] } {
  const known = new Set(nodes.map((n) => n.name));
  if (account.nodes.length === 0 && account.tags.length === 0) return { nodes: [...known].sort(), unknown: [] };
  const byTag = nodes.filter((n) => n.tags.some((t) => account.tags.includes(t))).map((n) => n.name);
  const named = account.nodes.filter((n) => known.has(n));
  return { nodes: [...new Set([...named, ...byTag])].sort(), unknown: account.nodes.filter((n) => !known.has(n)) };
}

/** Per node, every agent account to read there: one SSH round trip reads them all. */
export function agentTargets(config: Config): Map<string, AgentRequest[]> {
  const out = new Map<string, AgentRequest[]>();
  for (const a of config.oyster.monitor.agents) {
    for (const node of accountNodes(a, config.nodes).nodes) {
      const list = out.get(node) ?? [];
      list.push({ key: `${a.provider}:${a.label}`, provider: a.provider, label: a.label, source: a.source, dir: a.dir.replaceAll("{node}", node) });
      out.set(node, list);
    }
  }
  return out;
}
