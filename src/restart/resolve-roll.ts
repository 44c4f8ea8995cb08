import type { Config, NodeEntry } from "../config/index.ts";
import { OysterError } from "../errors.ts";
import type { NodeLookup } from "./resolve-target.ts";
import type { RollArgs, RollTarget, UnitTarget } from "./types.ts";
import { watcherUnit } from "./watcher-unit.ts";

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The roll's nodes in order: as named (or as validate filled them in), else from nodes.json. */
function rollNodes(config: Config, lookupNode: NodeLookup, args: RollArgs): NodeEntry[] {
  const byName = (name: string) => {
    lookupNode(name);
    const entry = config.nodes.find((n) => n.name === name);
    // The pool is built from config.nodes, so this only guards against the two disagreeing.
    if (!entry) throw new OysterError("UnknownNode", `unknown node "${name}"`, { node: name });
    return entry;
  };
  if (args.nodes.length > 0) return args.nodes.map(byName);
  if (args.all) {
    if (config.nodes.length === 0) throw new OysterError("NotConfigured", "not configured: nodes.json lists no nodes (see config/nodes.example.json)");
    return config.nodes;
  }
  const tagged = config.nodes.filter((n) => n.tags.includes(args.tag!));
  if (tagged.length === 0) {
    const tags = [...new Set(config.nodes.flatMap((n) => n.tags))].sort();
    throw new OysterError("InvalidArgument", `no node has the tag "${args.tag}" (tags in nodes.json: ${tags.join(", ") || "none"})`, { tag: args.tag, known: tags });
  }
  return tagged;
}

/**
 * Every node's unit, or one refusal naming every node it does not fit: a roll that would stop
 * half-way on a name problem must not start at all. A service must be listed by each node (a
 * unit a node does not list is not ours to bounce there); a watcher is each node's own.
 */
function unitsOf(config: Config, args: RollArgs, nodes: NodeEntry[]): UnitTarget[] {
  if (args.kind === "daemon") return nodes.map((n) => ({ kind: "daemon", node: n.name, unit: config.oyster.systemd.daemonUnit }));
  if (args.kind === "service") {
    const unit = args.unit!;
    const missing = nodes.filter((n) => !n.services.includes(unit)).map((n) => n.name);
    if (missing.length) {
      throw new OysterError(
        "UnknownService",
        `"${unit}" is not in the services of ${missing.join(", ")} (nodes.json); nothing was restarted: every node of a roll must list the unit`,
        { unit, nodes: missing },
      );
    }
    return nodes.map((n) => ({ kind: "service", node: n.name, unit }));
  }
  const problems: string[] = [];
  const targets = nodes.map((n): UnitTarget => {
    try {
      return { kind: "watcher", node: n.name, unit: watcherUnit(n.name, n.services) };
    } catch (err) {
      problems.push((err as Error).message);
      return { kind: "watcher", node: n.name, unit: "" };
    }
  });
  if (problems.length) throw new OysterError("UnknownService", `${problems.join("; ")}; nothing was restarted`, { problems });
  return targets;
}

/**
 * A rolling restart settled against config before any plan or command: the nodes (named, every
 * node, or those with the tag), each one's unit, and how many at once (at most the node count).
 * Throws UnknownNode / UnknownService / InvalidArgument (exit 2), or NotConfigured for `--all`
 * over an empty fleet.
 */
export function resolveRoll(config: Config, lookupNode: NodeLookup, args: RollArgs): RollTarget {
  const nodes = rollNodes(config, lookupNode, args);
  if (args.parallel > nodes.length) {
    throw new OysterError("InvalidArgument", `--parallel ${args.parallel} is more than the ${plural(nodes.length, "node")} in this roll`, { parallel: args.parallel, nodes: nodes.length });
  }
  return {
    kind: args.kind,
    nodes: unitsOf(config, args, nodes),
    parallel: args.parallel,
    ...(args.all ? { all: true as const } : {}),
    ...(args.tag !== undefined ? { tag: args.tag } : {}),
    ...(args.unit !== undefined ? { unit: args.unit } : {}),
  };
}
