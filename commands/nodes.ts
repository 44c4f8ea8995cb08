import { z } from "zod";
import { noPositionals } from "../src/command/arg-schemas.ts";
import { defineCommand } from "../src/command/types.ts";
import { table } from "../src/render/table.ts";
import { resolveFleet, type SshTarget } from "../src/ssh/index.ts";

export interface NodesData {
  nodes: Array<Omit<SshTarget, "identityFiles"> & { identityFiles: string[] }>;
}

export const nodes = defineCommand({
  name: "nodes",
  summary: "Each configured node as resolved: address, port, user, key, services (no connection made)",
  usage: "nodes [--json]",
  schema: z.object({ _: noPositionals }),
  role: "viewer",
  changesState: false,
  async run(ctx) {
    return { ok: true, data: { nodes: resolveFleet(ctx.config, { home: ctx.env.HOME, env: ctx.env, dataDir: ctx.dataDir }) } };
  },
  text(data: NodesData) {
    if (data.nodes.length === 0) return "No nodes configured: add them to config/nodes.json (see config/nodes.example.json).";
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
  },
});
