import type { CommandContext, Plan } from "../command/types.ts";
import { dispatchDbFor, writeDrainState } from "../dispatch/drain-state.ts";
import { readNodeStates } from "../dispatch/node-state.ts";
import { PausedNodesTable } from "../monitor/paused-nodes-table.ts";
import { DrainTable, type DrainRecord } from "./drain-table.ts";

export interface DrainData {
  action: "drain" | "undrain";
  node: string;
  /** dispatch.db's state before (null: no row) and after. */
  from: string | null;
  to: string;
  /** False when there was nothing to do (already draining; undrain of a node that is not draining). */
  changed: boolean;
  /** Who drained it and why: the record made now (drain), or the one ended (undrain). */
  record: DrainRecord | null;
  /** Undrain only: the monitor still holds the node paused for these accounts, so it goes back to paused. */
  heldFor?: string[];
}

/** The accounts the monitor holds this node paused for (monitor.pauseNodes): undrain gives it back to them. */
function heldFor(ctx: CommandContext, node: string): string[] {
  return new PausedNodesTable(ctx.store.db).list().filter((p) => p.node === node).map((p) => p.account);
}

export async function planDrain(ctx: CommandContext, node: string, reason: string | undefined): Promise<Plan> {
  const now = readNodeStates(dispatchDbFor(ctx.config))[node] ?? null;
  if (now === "draining") {
    const r = new DrainTable(ctx.store.db).get(node);
    return { summary: `${node} is already draining${r ? ` (drained by ${r.by})` : ""}: nothing changes`, steps: [] };
  }
  return {
    summary: `drain ${node}: dispatch sends it no new work`,
    steps: [
      `dispatch.db: ${node} ${now ?? "(no row yet)"} -> draining`,
      "tasks already running on it go on; the guardian leaves it draining and raises no availability alert for it while it drains",
      `recorded as drained by ${ctx.caller.who}${reason ? ` (${reason})` : ""}: status and the report show it; \`oyster nodes undrain ${node}\` puts it back`,
    ],
  };
}

export async function planUndrain(ctx: CommandContext, node: string): Promise<Plan> {
  const now = readNodeStates(dispatchDbFor(ctx.config))[node] ?? null;
  if (now !== "draining") return { summary: `${node} is not draining (dispatch.db: ${now ?? "no row"}): nothing changes`, steps: [] };
  const held = heldFor(ctx, node);
  const r = new DrainTable(ctx.store.db).get(node);
  return {
    summary: `undrain ${node}: dispatch may send it work again`,
    steps: [
      held.length ? `dispatch.db: ${node} draining -> paused (the monitor holds it for ${held.join(", ")}; it resumes it when the account has room)` : `dispatch.db: ${node} draining -> online`,
      ...(r ? [`ends the drain by ${r.by}${r.reason ? ` (${r.reason})` : ""}`] : []),
      "from the next guardian run on, its state follows its reachability again, and it is alerted on like any node",
    ],
  };
}

/** `nodes drain`: dispatch.db first (the state that counts), then who and why in state.db. */
export async function drain(ctx: CommandContext, node: string, reason: string | undefined): Promise<DrainData> {
  const table = new DrainTable(ctx.store.db);
  const c = writeDrainState(dispatchDbFor(ctx.config), node, "drain", "online", ctx.now);
  if (c.changed) {
    table.record({ node, by: ctx.caller.who, reason: reason ?? null, at: ctx.now().toISOString() });
    ctx.log.warn({ node, from: c.from, by: ctx.caller.who, reason }, "node drained");
  }
  return { action: "drain", node, from: c.from, to: c.to, changed: c.changed, record: table.get(node) ?? null };
}

/** `nodes undrain`: back to online, or to paused while the monitor holds it; the record of the drain ends. */
export async function undrain(ctx: CommandContext, node: string): Promise<DrainData> {
  const table = new DrainTable(ctx.store.db);
  const held = heldFor(ctx, node);
  const record = table.get(node) ?? null;
  const c = writeDrainState(dispatchDbFor(ctx.config), node, "undrain", held.length ? "paused" : "online", ctx.now);
  // Not draining in dispatch.db means any record of a drain is stale: it goes either way.
  table.forget(node);
  if (c.changed) ctx.log.warn({ node, to: c.to, by: ctx.caller.who }, "node undrained");
  return { action: "undrain", node, from: c.from, to: c.to, changed: c.changed, record, ...(held.length ? { heldFor: held } : {}) };
}
