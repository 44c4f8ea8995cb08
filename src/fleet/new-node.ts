import type { CommandContext } from "../command/types.ts";
import type { NewNodeEntry } from "../config/nodes-file-write.ts";
import { OysterError } from "../errors.ts";
import { resolveFleet, type SshTarget } from "../ssh/index.ts";
import type { AddArgs } from "./nodes-args.ts";

const DEFAULT_DISPATCH_DIR = "~/dispatch";

/** The nodes.json entry: the fields given on the command line, nothing else (the rest resolves as for any node). */
export function entryOf(args: AddArgs): NewNodeEntry {
  return {
    name: args.name,
    ...(args.host !== undefined ? { host: args.host } : {}),
    ...(args.port !== undefined ? { port: args.port } : {}),
    ...(args.user !== undefined ? { user: args.user } : {}),
    ...(args.dispatchDir !== undefined ? { dispatchDir: args.dispatchDir } : {}),
    ...(args.tags !== undefined && args.tags.length > 0 ? { tags: args.tags } : {}),
  };
}

/** A name already in nodes.json is refused (exit 2) before anything is dialled or planned. */
export function refuseExisting(ctx: Pick<CommandContext, "config">, name: string): void {
  if (ctx.config.nodes.some((n) => n.name === name)) {
    throw new OysterError("InvalidArgument", `node "${name}" is already in nodes.json; not added again (remove it first to re-add it)`, { node: name, reason: "NodeExists" });
  }
}

/**
 * Where the new node would be reached, resolved exactly as it will be once it is in nodes.json:
 * the given fields, then the SSH client config (`ssh -G <name>`), then `ssh.*`, then OpenSSH's
 * defaults. So the key probed and trusted is the one every later connection meets.
 */
export function newNodeTarget(ctx: Pick<CommandContext, "config" | "env" | "dataDir">, args: AddArgs): SshTarget {
  const entry = { ...entryOf(args), dispatchDir: args.dispatchDir ?? DEFAULT_DISPATCH_DIR, services: [], tags: args.tags ?? [] };
  const [target] = resolveFleet({ ...ctx.config, nodes: [entry] }, { home: ctx.env.HOME, env: ctx.env, dataDir: ctx.dataDir });
  return target!;
}

/** `user@host:port`, saying where what was not given on the command line came from. */
export function describeAddress(t: SshTarget): string {
  const bySource = new Map<string, string[]>();
  for (const what of ["host", "port", "user"] as const) {
    const source = t.sources[what];
    // A field given on the command line is what goes into nodes.json: it needs no note.
    if (source !== "nodes.json") bySource.set(source, [...(bySource.get(source) ?? []), what]);
  }
  const notes = [...bySource].map(([source, whats]) => `${whats.join(", ")} from ${source === "default" ? "defaults" : source}`);
  return `${t.user}@${t.host}:${t.port}${notes.length ? ` (${notes.join("; ")})` : ""}`;
}
