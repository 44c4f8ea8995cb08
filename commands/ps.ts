import { z } from "zod";
import { nodeName } from "../src/command/arg-schemas.ts";
import { defineCommand } from "../src/command/types.ts";
import { formatUptime, table } from "../src/render/table.ts";
import { nodeProcesses, type NodeProcesses } from "../src/troubleshoot/node-processes.ts";
import { tailBlocks } from "../src/troubleshoot/tail-blocks.ts";

export const ps = defineCommand({
  name: "ps",
  summary: "A node's dispatch, agent and watcher processes: pid, user, elapsed, CPU, memory, command line",
  usage: "ps <node> [--json]",
  schema: z.object({ _: z.tuple([nodeName], { message: "give one node name" }) }).transform((a) => ({ node: a._[0] })),
  // Full command lines of what runs on the node.
  role: "operator",
  changesState: false,
  // An unknown node is refused here (exit 2, naming the known ones) before anything is dialled.
  validate(ctx, args) {
    ctx.ssh.target(args.node);
  },
  async run(ctx, args) {
    return { ok: true, data: await nodeProcesses(ctx.ssh, args.node) };
  },
  // Slack: as many rows as fit, with how many were cut and the CLI command that shows all.
  blocks(d: NodeProcesses) {
    const [head, ...rest] = psText(d).split("\n");
    return tailBlocks(head!, rest, `oyster ps ${d.node}`);
  },
  text: (d: NodeProcesses) => psText(d),
});

function psText(d: NodeProcesses): string {
  if (d.processes.length === 0) return `${d.node}: no dispatch, agent or watcher process (${d.total} processes in all)`;
  const rows = d.processes.map((p) => [String(p.pid), p.user, formatUptime(p.elapsedSeconds), p.cpuPct.toFixed(1), p.memPct.toFixed(1), p.command]);
  return `${d.node}: ${d.processes.length} of ${d.total} processes match dispatch|agent|watcher\n${table(["PID", "USER", "ELAPSED", "%CPU", "%MEM", "COMMAND"], rows)}`;
}
