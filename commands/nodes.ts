import { runGuardian } from "../jobs/guardian/index.ts";
import { alertBookFor } from "../src/alerts/alert-book-for.ts";
import { defineCommand, type CommandContext } from "../src/command/types.ts";
import { addNode, planAdd, type AddData, type FirstFinding } from "../src/fleet/add-node.ts";
import { drain, planDrain, planUndrain, undrain, type DrainData } from "../src/fleet/drain.ts";
import { addText, drainText, removeText } from "../src/fleet/format.ts";
import { refuseExisting } from "../src/fleet/new-node.ts";
import { NODES_OPTIONS, NODES_USAGE, nodesSchema, type NodesArgs } from "../src/fleet/nodes-args.ts";
import { planRemove, removeNode, type RemoveData } from "../src/fleet/remove-node.ts";
import { table } from "../src/render/table.ts";
import { resolveFleet, type SshTarget } from "../src/ssh/index.ts";

export interface NodesData {
  nodes: Array<Omit<SshTarget, "identityFiles"> & { identityFiles: string[] }>;
}

type Data = NodesData | AddData | RemoveData | DrainData;

/** What the guardian's first run on a new node finds: its checks for that node, detect only (nothing fixed, counted or alerted). */
async function firstCheck(ctx: CommandContext, node: string): Promise<FirstFinding[]> {
  const deps = { config: ctx.config, ssh: ctx.ssh, store: ctx.store, log: ctx.log, now: ctx.now, dataDir: ctx.dataDir, env: ctx.env, alerts: alertBookFor(ctx) };
  const report = await runGuardian(deps, { fix: false, node });
  return report.results.filter((r) => r.node === node).map((r) => ({ check: r.check, status: r.status, detail: r.detail }));
}

function listText(data: NodesData): string {
  if (data.nodes.length === 0) return "No nodes configured: add one with `oyster nodes add <name>`, or in config/nodes.json (see config/nodes.example.json).";
  return table(
    ["NODE", "ADDRESS", "USER", "KEY", "SERVICES", "DISPATCH DIR"],
    data.nodes.map((n) => [
      n.name,
      `${n.host}:${n.port}`,
      n.user,
      `${n.identityFiles[0] ?? "-"}${n.identityFiles.length > 1 ? ` (+${n.identityFiles.length - 1})` : ""}`,
      n.services.join(",") || "-",
      n.dispatchDir,
    ]),
  );
}

export const nodes = defineCommand({
  name: "nodes",
  summary: "The fleet as resolved (no connection made); add a node (host key shown and confirmed, nodes.json, dispatch dir, core files), remove one, drain or undrain one in dispatch",
  usage: NODES_USAGE,
  examples: ["nodes", "nodes add node-9 --host 10.0.0.9", "nodes drain node-2 --reason maintenance", "nodes undrain node-2"],
  options: NODES_OPTIONS,
  schema: nodesSchema,
  role: {
    forms: [
      { form: "list", role: "viewer", example: [] },
      { form: "add", role: "operator", example: ["add", "node-9"] },
      { form: "remove", role: "operator", example: ["remove", "node-1"] },
      { form: "drain", role: "operator", example: ["drain", "node-1"] },
      { form: "undrain", role: "operator", example: ["undrain", "node-1"] },
    ],
    of: (a: NodesArgs) => (a.action === "list" ? "viewer" : "operator"),
  },
  // Every change shows its plan and asks (the contract's CLI rule), drain and undrain included.
  changesState: (a: NodesArgs) => a.action !== "list",
  validate(ctx, args) {
    if (args.action === "add") refuseExisting(ctx, args.name);
    else if (args.action !== "list") ctx.ssh.target(args.name);
  },
  async plan(ctx, args) {
    switch (args.action) {
      case "add": return planAdd(ctx, args);
      case "remove": return planRemove(ctx, args.name);
      case "drain": return planDrain(ctx, args.name, args.reason);
      case "undrain": return planUndrain(ctx, args.name);
      default: return { summary: "list the nodes", steps: [] };
    }
  },
  async run(ctx, args): Promise<{ ok: boolean; data: Data }> {
    switch (args.action) {
      case "add": return addNode(ctx, args, { firstCheck: (node) => firstCheck(ctx, node) });
      case "remove": return removeNode(ctx, args.name);
      case "drain": return { ok: true, data: await drain(ctx, args.name, args.reason) };
      case "undrain": return { ok: true, data: await undrain(ctx, args.name) };
      default: return { ok: true, data: { nodes: resolveFleet(ctx.config, { home: ctx.env.HOME, env: ctx.env, dataDir: ctx.dataDir }) } };
    }
  },
  text(data: Data) {
    if (!("action" in data)) return listText(data);
    if (data.action === "add") return addText(data);
    if (data.action === "remove") return removeText(data);
    return drainText(data);
  },
});
