import { z } from "zod";
import { nodeName } from "../src/command/arg-schemas.ts";
import { defineCommand } from "../src/command/types.ts";
import { dispatchForStatus } from "../src/dispatch/status-reading.ts";
import type { DispatchSummary } from "../src/dispatch/summary.ts";
import { DrainTable } from "../src/fleet/drain-table.ts";
import { drainingNodes, type DrainingNode } from "../src/fleet/draining-view.ts";
import { PausedNodesTable, type PausedNode } from "../src/monitor/paused-nodes-table.ts";
import { readResources } from "../src/resources/read-resources.ts";
import { readFileCommand, resourcesCommand } from "../src/resources/remote-command.ts";
import { sectionCommand, splitSections } from "../src/resources/sections.ts";
import { diskCell, memoryCell, resourceFields, type ResourceFields } from "../src/resources/summary.ts";
import { formatUptime, table } from "../src/render/table.ts";
import { utcSecond } from "../src/render/utc-time.ts";
import { escapeMrkdwn } from "../src/slack/render/mrkdwn.ts";
import { translator, type Translate } from "../src/locale/index.ts";
import { plainView } from "../src/render/view.ts";
import { taskStatus } from "../src/report/view/words.ts";
import { drainingText } from "../src/report/view/draining.ts";

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

/** "draining: node-1 drained by cli:alice since ... (kernel upgrade)", one line per node, in the view's language. */
export function drainingLines(draining: DrainingNode[], t: Translate = translator("en")): string[] {
  return draining.map((d) => t("status.draining", { line: drainingText(d, t) }));
}

/** "paused by the monitor: node-1 (zai:glm exhausted (5h tokens), resets 2026-...)", one line per node and account. */
export function pausedLines(paused: PausedNode[], t: Translate = translator("en")): string[] {
  return paused.map((p) => t("status.paused", { node: p.node, reason: p.reason, resets: p.resetsAt ? t("status.resets", { time: p.resetsAt }) : "" }));
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

function dispatchLine(d: DispatchSummary, t: Translate): string {
  if (!d.configured) return t("status.dispatchNotConfigured", { reason: d.reason ?? "" });
  if (d.error) return t("status.dispatchError", { error: d.error });
  if (!d.tasks) return t("status.dispatchError", { error: d.reason ?? "" });
  const counts = Object.entries(d.tasks).map(([k, v]) => `${taskStatus(k, t)} ${v}`).join(t("status.countSep"));
  const asOf = d.stale && d.countsAsOf ? t("status.countsAsOf", { time: utcSecond(d.countsAsOf) }) : "";
  return t("status.dispatchTasks", { counts, asOf });
}

/** A reachable node's facts after its latency: "up 2h 5m, load 0.1 0.2 0.3, disk ..., memory ... free". */
function upFacts(n: NodeStatus, t: Translate): string {
  const parts = [
    ...(n.uptimeSeconds === undefined ? [] : [t("status.upFor", { uptime: formatUptime(n.uptimeSeconds) })]),
    ...(n.load ? [t("status.loadIs", { load: n.load.join(" ") })] : []),
    t("status.diskIs", { disk: escapeMrkdwn(diskCell(n.disk)) }),
    t("status.memoryFree", { memory: memoryCell(n.memory) }),
  ];
  return parts.join(", ");
}

export const status = defineCommand({
  name: "status",
  summary: "Reachability, latency, uptime, load, disk and memory of each node, and dispatch's task counts",
  usage: "status [node...] [--json]",
  examples: ["status", "status node-1 node-2", "status --json"],
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
  blocks(data: StatusData, view = plainView()) {
    const t = view.t;
    if (data.nodes.length === 0) return [section(t("status.noNodesSlack"))];
    const lines = data.nodes.map((n) =>
      n.reachable
        ? `:large_green_circle: *${escapeMrkdwn(n.name)}*  ${n.latencyMs} ms, ${upFacts(n, t)}`
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
    const cut = chunks.length > 47 ? [context(t("status.sectionsCut", { count: chunks.length - 47 }))] : [];
    const notes = [...pausedLines(data.paused, t), ...drainingLines(data.draining ?? [], t)];
    const paused = notes.length ? [context(escapeMrkdwn(notes.join("\n")))] : [];
    return [section(`*${t("status.nodesUp", { up, total: data.nodes.length })}*`), ...shown.slice(0, 47 - paused.length), ...cut, context(escapeMrkdwn(dispatchLine(data.dispatch, t))), ...paused];
  },
  text(data: StatusData, view = plainView()) {
    const { t, paint } = view;
    const nodesPart = data.nodes.length === 0
      ? t("status.noNodes")
      : table(
          (["node", "state", "latency", "uptime", "load", "disk", "memory"] as const).map((c) => t(`status.col.${c}`)),
          // A down node's error takes the rest of its row (table() lets a short row's last cell run on).
          // On a terminal a down node stands out (a mark and red); an up one stays quiet.
          data.nodes.map((n) =>
            n.reachable
              ? [n.name, paint.tone("dim", t("status.up")), `${n.latencyMs} ms`, n.uptimeSeconds === undefined ? "-" : formatUptime(n.uptimeSeconds), n.load ? n.load.join(" ") : "-", diskCell(n.disk), memoryCell(n.memory)]
              : [paint.tone("fail", n.name), `${paint.mark("fail")}${paint.tone("fail", t("status.down"))}`, "-", "-", paint.tone("fail", `${n.errorCode}: ${n.error}`)],
          ),
        );
    return [nodesPart, dispatchLine(data.dispatch, t), ...pausedLines(data.paused, t), ...drainingLines(data.draining ?? [], t)].join("\n");
  },
});
