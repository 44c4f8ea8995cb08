import { nodeSelectionSchema, selectedNodes, type NodeSelection } from "../src/command/arg-schemas.ts";
import { defineCommand } from "../src/command/types.ts";
import { progressFor } from "../src/progress/for-context.ts";
import { formatInstall } from "../src/units/format-install.ts";
import { installDaemons, prepareInstall } from "../src/units/install-fleet.ts";
import type { InstallReport } from "../src/units/types.ts";

type InstallArgs = NodeSelection;

const schema = nodeSelectionSchema("install on");
const nodesOf = selectedNodes;

export const installDaemon = defineCommand({
  name: "install-daemon",
  summary: "Install or update the agent-daemon and watcher systemd units on nodes (only what differs), enable and start them",
  usage: "install-daemon <node...|--all> [--dry-run] [--json]",
  options: {
    all: { type: "boolean", description: "every node in nodes.json" },
    "dry-run": { type: "boolean", description: "show the rendered units as a diff and the commands; change nothing" },
  },
  schema,
  role: "operator",
  changesState: (a: InstallArgs) => !a.dryRun,
  // Unknown nodes, bad templates (unknown placeholder: file and line) and values systemd would
  // read as syntax (a var or a node's user ending in `\`, holding `%`) fail here, exit 2,
  // before any plan, prompt or connection.
  validate(ctx, args) {
    for (const n of args.nodes) ctx.ssh.target(n);
    prepareInstall(ctx.config, nodesOf(ctx, args), { target: (n) => ctx.ssh.target(n) });
  },
  // The plan is a dry run: the operator confirms what will really be installed and restarted.
  async plan(ctx, args) {
    const report = await installDaemons(ctx, { nodes: nodesOf(ctx, args), dryRun: true, progress: progressFor(ctx) });
    const steps = report.nodes.flatMap((n) =>
      n.status === "failed"
        ? [`${n.node}: cannot compare now (${n.error?.message ?? "unknown"})`]
        : n.status === "unchanged"
          ? [`${n.node}: nothing to change`]
          : [`${n.node}: ${n.units.filter((u) => u.file !== "same" || u.enable || u.start).map((u) => `${u.unit} (${u.file === "same" ? "unchanged file" : u.file})`).join(", ")}`, ...(n.wouldRun ?? []).map((c) => `  ${c}`)],
    );
    return { summary: `install the agent-daemon and watcher units on ${report.nodes.length} node(s)`, steps };
  },
  async run(ctx, args) {
    const report = await installDaemons(ctx, { nodes: nodesOf(ctx, args), dryRun: args.dryRun, progress: progressFor(ctx) });
    for (const n of report.nodes) {
      if (n.status === "failed") ctx.log.warn({ node: n.node, error: n.error }, "install-daemon failed on node");
      else if (n.status === "changed") ctx.log.info({ node: n.node, units: n.units.map((u) => ({ unit: u.unit, done: u.done })) }, "units installed");
    }
    return { ok: report.ok, data: report };
  },
  text(data: InstallReport) {
    return formatInstall(data);
  },
});
