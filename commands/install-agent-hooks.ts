import { dirChanges, formatHooks } from "../src/agent-hooks/format.ts";
import { installAgentHooks } from "../src/agent-hooks/install-fleet.ts";
import type { HooksReport } from "../src/agent-hooks/types.ts";
import { nodeSelectionSchema, selectedNodes, type NodeSelection } from "../src/command/arg-schemas.ts";
import { defineCommand } from "../src/command/types.ts";

type HooksArgs = NodeSelection;

const schema = nodeSelectionSchema("install on");
const nodesOf = selectedNodes;

export const installAgentHooksCommand = defineCommand({
  name: "install-agent-hooks",
  summary: "Install Claude Code's status-line hook that feeds claude statusline accounts (monitor.agents), keeping the user's status line",
  usage: "install-agent-hooks <node...|--all> [--dry-run] [--json]",
  options: {
    all: { type: "boolean", description: "every node in nodes.json" },
    "dry-run": { type: "boolean", description: "show what would change in each agent dir; change nothing" },
  },
  schema,
  role: "operator",
  changesState: (a: HooksArgs) => !a.dryRun,
  // Unknown nodes fail here, exit 2, before any plan, prompt or connection.
  validate(ctx, args) {
    for (const n of args.nodes) ctx.ssh.target(n);
  },
  // The plan is a dry run: the operator confirms what will really be written.
  async plan(ctx, args) {
    const report = await installAgentHooks(ctx, { nodes: nodesOf(ctx, args), dryRun: true });
    const steps = report.nodes.flatMap((n) => {
      if (n.status === "skipped") return [`${n.node}: ${n.message}`];
      if (n.status === "failed") return [`${n.node}: cannot install now (${n.error?.message ?? "unknown"})`];
      if (n.status === "unchanged") return [`${n.node}: nothing to change`];
      return [`${n.node}:`, ...n.dirs.flatMap((d) => dirChanges(d).map((l) => `  ${l}`))];
    });
    const skipped = report.nodes.filter((n) => n.status === "skipped").length;
    return { summary: `install the Claude status-line hook on ${report.nodes.length - skipped} node(s)${skipped ? ` (${skipped} with no claude statusline account)` : ""}`, steps };
  },
  async run(ctx, args) {
    const report = await installAgentHooks(ctx, { nodes: nodesOf(ctx, args), dryRun: args.dryRun });
    for (const n of report.nodes) {
      if (n.status === "failed") ctx.log.warn({ node: n.node, error: n.error }, "install-agent-hooks failed on node");
      else if (n.status === "changed") ctx.log.info({ node: n.node, dirs: n.dirs.map((d) => ({ path: d.path, done: d.done })) }, "agent hooks installed");
    }
    return { ok: report.ok, data: report };
  },
  text(data: HooksReport) {
    return formatHooks(data);
  },
});
