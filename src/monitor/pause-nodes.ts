import type { Config } from "../config/index.ts";
import { readNodeStates, setNodeStates, type NodeStateChange } from "../dispatch/node-state.ts";
import { locateDispatch } from "../dispatch/read-db.ts";
import { inspectDispatchSchema } from "../dispatch/schema.ts";
import type { Logger } from "../log.ts";
import type { Store } from "../store/index.ts";
import type { AccountState } from "./account-state.ts";
import { PausedNodesTable, type PausedNode } from "./paused-nodes-table.ts";

export interface PauseDeps {
  config: Config;
  store: Store;
  log: Logger;
  now: () => Date;
}

export interface PauseOutcome {
  /** Why nothing was looked at ("dispatch not configured"), when so. */
  skipped?: string;
  paused: string[];
  resumed: string[];
  /** Every hold after this run. */
  held: PausedNode[];
}

type Entry = Config["oyster"]["monitor"]["pauseNodes"][number];

/** The nodes an entry of `monitor.pauseNodes` names: by name, or by a tag in nodes.json. */
export function mappedNodes(entry: Entry, nodes: Config["nodes"]): string[] {
  const byTag = nodes.filter((n) => n.tags.some((t) => entry.tags.includes(t))).map((n) => n.name);
  return [...new Set([...entry.nodes, ...byTag])].sort();
}

/**
 * `monitor.pauseNodes`: nodes that spend an exhausted account are paused in dispatch.db, and go
 * back online once no exhausted account holds them. Holds are recorded in state.db first, so the
 * guardian (which reads them) keeps the node paused; only nodes the monitor holds are resumed,
 * only from `paused`, and a `draining` node is never touched. Every change is audited.
 */
export function reconcilePausedNodes(deps: PauseDeps, states: ReadonlyMap<string, AccountState>): PauseOutcome {
  const table = new PausedNodesTable(deps.store.db);
  const entries = deps.config.oyster.monitor.pauseNodes;
  if (entries.length === 0 && table.list().length === 0) return { paused: [], resumed: [], held: [] };
  const where = locateDispatch(deps.config);
  if (where.state !== "ok" || inspectDispatchSchema(where.db).kind !== "current") {
    return { skipped: "dispatch.db not configured or not on the contract's schema", paused: [], resumed: [], held: table.list() };
  }
  const nodeStates = readNodeStates(where.db);
  const at = deps.now().toISOString();

  const wanted = new Map<string, PausedNode>();
  const mapped = new Set<string>();
  for (const entry of entries) {
    const s = states.get(entry.account);
    for (const node of mappedNodes(entry, deps.config.nodes)) {
      mapped.add(`${node}\n${entry.account}`);
      if (s?.state !== "exhausted") continue;
      if (nodeStates[node] === "draining") {
        deps.log.info({ node, account: entry.account }, "node is draining: not paused");
        continue;
      }
      wanted.set(`${node}\n${entry.account}`, { node, account: entry.account, pausedAt: at, reason: s.reason, resetsAt: s.resetsAt });
    }
  }
  for (const p of wanted.values()) table.hold(p);
  const released: PausedNode[] = [];
  for (const p of table.list()) {
    const key = `${p.node}\n${p.account}`;
    // An account with no reading this run keeps its holds; a mapping removed from config frees them.
    const keep = wanted.has(key) || (mapped.has(key) && states.get(p.account)?.state !== "room" && states.get(p.account)?.state !== "exhausted");
    if (keep) continue;
    table.release(p.node, p.account);
    released.push(p);
  }

  const heldList = table.list();
  const held = new Set(heldList.map((p) => p.node));
  const toPause = [...held].filter((n) => nodeStates[n] === "online");
  const toResume = [...new Set(released.map((p) => p.node))].filter((n) => !held.has(n) && nodeStates[n] === "paused");
  const changes = setNodeStates(where.db, [
    ...toPause.map((name) => ({ name, state: "paused" as const, onlyFrom: ["online"] })),
    ...toResume.map((name) => ({ name, state: "online" as const, onlyFrom: ["paused"] })),
  ], deps.now);
  for (const c of changes) audit(deps, c, c.to === "paused" ? heldList.filter((p) => p.node === c.name) : released.filter((p) => p.node === c.name));
  return {
    paused: changes.filter((c) => c.to === "paused").map((c) => c.name),
    resumed: changes.filter((c) => c.to === "online").map((c) => c.name),
    held: heldList,
  };
}

function audit(deps: PauseDeps, c: NodeStateChange, why: PausedNode[]): void {
  const pausing = c.to === "paused";
  const args = {
    node: c.name, from: c.from, to: c.to,
    account: why.map((p) => p.account).join(", "),
    reason: pausing ? why.map((p) => p.reason).join("; ") : "account has room again",
    ...(pausing ? { resetsAt: why.map((p) => p.resetsAt).filter(Boolean).sort().at(-1) ?? null } : {}),
  };
  const id = deps.store.audit.start({ who: "monitor", via: "job", command: pausing ? "pause-node" : "resume-node", args, decision: "allowed" });
  deps.store.audit.finish(id, "ok", 0);
  deps.log.warn(args, pausing ? "node paused: provider account exhausted" : "node resumed: provider account has room");
}
