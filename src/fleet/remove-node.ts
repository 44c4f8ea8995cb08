import type { CommandContext, Plan } from "../command/types.ts";
import { reloadFleet } from "../config/fleet-reload.ts";
import { removeNodeFromFile } from "../config/nodes-file-write.ts";
import { locateDispatch } from "../dispatch/read-db.ts";
import { readNodeStates } from "../dispatch/node-state.ts";
import { withNodesFileLock } from "./nodes-file-lock.ts";

export interface RemoveData {
  action: "remove";
  node: string;
  /** The entry as nodes.json had it. */
  removed: Record<string, unknown>;
  nodesFile: { path: string; backup?: string };
  /** dispatch.db's state for the node, left as it was (null: no row, or no dispatch.db). */
  dispatchState: string | null;
}

/** dispatch.db's word on the node, when there is a dispatch.db to ask; removal never writes it. */
function dispatchStateOf(ctx: CommandContext, node: string): string | null {
  const where = locateDispatch(ctx.config);
  if (where.state !== "ok") return null;
  try {
    return readNodeStates(where.db)[node] ?? null;
  } catch {
    return null;
  }
}

export async function planRemove(ctx: CommandContext, node: string): Promise<Plan> {
  const entry = ctx.config.nodes.find((n) => n.name === node)!;
  const t = ctx.ssh.target(node);
  const state = dispatchStateOf(ctx, node);
  const stillWorking = state === "online" || state === "paused";
  return {
    summary: `remove ${node} (${t.user}@${t.host}:${t.port}) from the fleet`,
    steps: [
      `nodes.json: drop its entry (atomic; the previous file kept as nodes.json.bak): services ${entry.services.join(", ") || "none"}, dispatch dir ${entry.dispatchDir}`,
      "the node itself is not touched: its dispatch dir, files and units stay as they are",
      "its kept SSH connection is closed (a running bot's too, when it notices nodes.json changed)",
      "its history stays: alerts, audit, availability samples",
      ...(stillWorking ? [`dispatch.db still has it ${state} and is not changed: drain it first (\`oyster nodes drain ${node}\`) if dispatch should send it no more work`] : []),
    ],
  };
}

/**
 * `nodes remove`: the entry leaves nodes.json (under the nodes-file lock, atomic, with a .bak);
 * this process's fleet reloads, which closes the node's kept connection. Nothing on the node and
 * nothing in state.db or dispatch.db is changed: the history stays readable.
 */
export async function removeNode(ctx: CommandContext, node: string): Promise<{ ok: boolean; data: RemoveData }> {
  const r = await withNodesFileLock(ctx.store, { label: ctx.caller.who }, () => removeNodeFromFile(ctx.config.dir, node, { env: ctx.env }));
  const reload = reloadFleet({ config: ctx.config, ssh: ctx.ssh, log: ctx.log, env: ctx.env });
  // Closed even when the reload failed: the node is out of nodes.json either way.
  ctx.ssh.drop(node);
  ctx.log.warn({ node, by: ctx.caller.who, reloaded: reload.ok }, "node removed from nodes.json");
  const nodesFile = { path: r.written.path, ...(r.written.backup ? { backup: r.written.backup } : {}) };
  return { ok: true, data: { action: "remove", node, removed: r.removed, nodesFile, dispatchState: dispatchStateOf(ctx, node) } };
}
