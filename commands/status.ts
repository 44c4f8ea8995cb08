import { z } from "zod";
import { nodeName } from "../src/command/arg-schemas.ts";
import { defineCommand } from "../src/command/types.ts";
import { dispatchForStatus } from "../src/dispatch/status-reading.ts";
import type { DispatchSummary } from "../src/dispatch/summary.ts";
import { DrainTable } from "../src/fleet/drain-table.ts";
import { drainingLine, drainingNodes, type DrainingNode } from "../src/fleet/draining-view.ts";
import { PausedNodesTable, type PausedNode } from "../src/monitor/paused-nodes-table.ts";
import { readResources } from "../src/resources/read-resources.ts";
import { readFileCommand, resourcesCommand } from "../src/resources/remote-command.ts";
import { sectionCommand, splitSections } from "../src/resources/sections.ts";
import { diskCell, memoryCell, resourceFields, type ResourceFields } from "../src/resources/summary.ts";
import { formatUptime, table } from "../src/render/table.ts";
import { utcSecond } from "../src/render/utc-time.ts";
import { escapeMrkdwn } from "../src/slack/render/mrkdwn.ts";

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });
const context = (text: string) => ({ type: "context", elements: [{ type: "mrkdwn", text }] });

/** A reachable node also carries its disks and memory (ResourceFields), read in the same round trip. */
export interface NodeStatus extends Partial<ResourceFields> {
  name: string;
  reachable: boolean;
  latencyMs: number | null;
  uptimeSeconds?: number;
  load?: [number, number, number];
  error?: string;
  errorCode?: string;
}

export interface StatusData {
  nodes: NodeStatus[];
  dispatch: DispatchSummary;
  /** Nodes the monitor holds paused in dispatch.db, and why (monitor.pauseNodes). */
  paused: PausedNode[];
  /** Nodes dispatch.db has draining, with who drained them and why (`nodes drain`); status always sets it. */
  draining?: DrainingNode[];
}

/** "draining: node-1 drained by cli:alice since ... (kernel upgrade)", one line per node. */
export function drainingLines(draining: DrainingNode[]): string[] {
  return draining.map((d) => `draining: ${drainingLine(d)}`);
}

/** "paused by the monitor: node-1 (zai:glm exhausted (5h tokens), resets 2026-...)", one line per node and account. */
export function pausedLines(paused: PausedNode[]): string[] {
  return paused.map((p) => `paused by the monitor: ${p.node} (${p.reason}${p.resetsAt ? `, resets ${p.resetsAt}` : ""})`);
}

// One round trip for uptime and load; `uptime` is the fallback where /proc is missing (macOS).
// /proc read by the shell itself (no process); `uptime` where there is no /proc (macOS).
const PROBE = `{ ${readFileCommand("/proc/uptime")} && ${readFileCommand("/proc/loadavg")}; } 2>/dev/null || uptime`;

/** PROBE and the node's disks and memory, in the one exec status makes per node. */
export function statusCommand(dispatchDir: string): string {
  return `${sectionCommand("uptime", PROBE)}; ${resourcesCommand(dispatchDir)}; exit 0`;
}

export function parseProbe(stdout: string): Pick<NodeStatus, "uptimeSeconds" | "load"> {
  const [first, second] = stdout.trim().split("\n");
  const up = /^(\d+(?:\.\d+)?)\s/.exec(first ?? "");
  const loads = (second ?? "").trim().split(/\s+/).slice(0, 3).map(Number);
  if (up && loads.length === 3 && loads.every((n) => Number.isFinite(n))) {
    return { uptimeSeconds: Math.round(Number(up[1])), load: loads as [number, number, number] };
  }
  const avg = /load averages?:\s*([\d.]+),?\s+([\d.]+),?\s+([\d.]+)/.exec(stdout);
  return avg ? { load: [Number(avg[1]), Number(avg[2]), Number(avg[3])] } : {};
}

function dispatchLine(d: DispatchSummary): string {
  if (!d.configured) return `dispatch: not configured: ${d.reason}`;
  if (d.error) return `dispatch: ${d.error}`;
  if (!d.tasks) return `dispatch: ${d.reason}`;
  const counts = Object.entries(d.tasks).map(([k, v]) => `${k} ${v}`).join(", ");
  const asOf = d.stale && d.countsAsOf ? `; task counts as of ${utcSecond(d.countsAsOf)} (a backup is running)` : "";
  return `dispatch: tasks ${counts}${asOf}`;
}

export const status = defineCommand({
  name: "status",
  summary: "Reachability, latency, uptime, load, disk and memory of each node, and dispatch's task counts",
  usage: "status [node...] [--json]",
  schema: z.object({ _: z.array(nodeName) }).transform((a) => ({ nodes: a._ })),
  role: "viewer",
  changesState: false,
  validate(ctx, args) {
    for (const n of args.nodes) ctx.ssh.target(n);
  },
  async run(ctx, args) {
    const names = args.nodes.length > 0 ? args.nodes : ctx.ssh.nodeNames;
    const outcomes = await ctx.ssh.forEach(names, async (t) => {
      const started = performance.now();
      const r = await ctx.ssh.exec(t.name, statusCommand(t.dispatchDir));
      const latencyMs = Math.round(performance.now() - started);
      const sections = splitSections(r.stdout);
      return { latencyMs, ...parseProbe(sections.get("uptime")?.body ?? ""), ...resourceFields(readResources(sections)) };
    });
    const nodes: NodeStatus[] = outcomes.map((o) =>
      o.ok
        ? { name: o.node, reachable: true, ...o.value }
        : { name: o.node, reachable: false, latencyMs: null, error: o.error.message, errorCode: o.error.code },
    );
    const paused = new PausedNodesTable(ctx.store.db).list();
    const dispatch = await dispatchForStatus(ctx.config, ctx.store, { offThread: ctx.sqliteOffThread === true, now: ctx.now });
    const draining = drainingNodes(dispatch.nodes, new DrainTable(ctx.store.db).list());
    return { ok: nodes.every((n) => n.reachable), data: { nodes, dispatch, paused, draining } };
  },
  blocks(data: StatusData) {
    if (data.nodes.length === 0) return [section("No nodes configured: add them to `config/nodes.json`.")];
    const lines = data.nodes.map((n) =>
      n.reachable
        ? `:large_green_circle: *${escapeMrkdwn(n.name)}*  ${n.latencyMs} ms${n.uptimeSeconds === undefined ? "" : `, up ${formatUptime(n.uptimeSeconds)}`}${n.load ? `, load ${n.load.join(" ")}` : ""}, disk ${escapeMrkdwn(diskCell(n.disk))}, memory ${memoryCell(n.memory)} free`
        : `:red_circle: *${escapeMrkdwn(n.name)}*  ${escapeMrkdwn(`${n.errorCode}: ${n.error}`)}`,
    );
    const up = data.nodes.filter((n) => n.reachable).length;
    // One section holds 3000 characters: a large fleet is split over several, up to Slack's 50 blocks.
    const chunks: string[] = [];
    for (const line of lines) {
      const last = chunks.at(-1);
      if (last !== undefined && last.length + line.length + 1 <= 2900) chunks[chunks.length - 1] = `${last}\n${line}`;
      else chunks.push(line);
    }
    const shown = chunks.slice(0, 47).map(section);
    const cut = chunks.length > 47 ? [context(`... ${chunks.length - 47} more sections cut: run \`oyster status\` for all`)] : [];
    const notes = [...pausedLines(data.paused), ...drainingLines(data.draining ?? [])];
    const paused = notes.length ? [context(escapeMrkdwn(notes.join("\n")))] : [];
    return [section(`*${up}/${data.nodes.length} nodes up*`), ...shown.slice(0, 47 - paused.length), ...cut, context(escapeMrkdwn(dispatchLine(data.dispatch))), ...paused];
  },
  text(data: StatusData) {
    const nodesPart = data.nodes.length === 0
      ? "No nodes configured: add them to config/nodes.json (see config/nodes.example.json)."
      : table(
          ["NODE", "STATE", "LATENCY", "UPTIME", "LOAD", "DISK", "MEMORY FREE"],
          // A down node's error takes the rest of its row (table() lets a short row's last cell run on).
          data.nodes.map((n) =>
            n.reachable
              ? [n.name, "up", `${n.latencyMs} ms`, n.uptimeSeconds === undefined ? "-" : formatUptime(n.uptimeSeconds), n.load ? n.load.join(" ") : "-", diskCell(n.disk), memoryCell(n.memory)]
              : [n.name, "DOWN", "-", "-", `${n.errorCode}: ${n.error}`],
          ),
        );
    return [nodesPart, dispatchLine(data.dispatch), ...pausedLines(data.paused), ...drainingLines(data.draining ?? [])].join("\n");
  },
});
