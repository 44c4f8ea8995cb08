import { existsSync, statSync } from "node:fs";
import type { Config } from "../config/index.ts";
import { OysterError } from "../errors.ts";
import { resolveRoll } from "./resolve-roll.ts";
import { isRollArgs, type DispatchTarget, type RestartArgs, type RestartTarget, type RollArgs, type RollTarget } from "./types.ts";
import { watcherUnit } from "./watcher-unit.ts";
import { requireProject } from "../config/require-project.ts";

/** Looks a node up; `target` is the SSH pool's look-up, so the message lists nodes as every command does. */
export type NodeLookup = (name: string) => unknown;

function knownList(names: readonly string[], none: string): string {
  return names.length ? names.join(", ") : none;
}

/** Oyster never creates the dispatch dir: without it there is nothing to restart. */
export function dispatchDir(config: Config): string {
  const dir = config.oyster.dispatch.dir;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new OysterError("NotConfigured", `not configured: dispatch.dir ${dir} does not exist`, { dir });
  }
  return dir;
}

function resolveDispatch(config: Config, project: string): DispatchTarget {
  requireProject(config.projects.map((p) => p.name), project);
  return { kind: "dispatch", project, dir: dispatchDir(config) };
}

/**
 * Checks every name against config and settles what exactly will be restarted, before anything
 * is planned or run anywhere. Throws UnknownNode / UnknownProject / UnknownService (exit 2)
 * listing the valid names. Several nodes, --all or --tag: see resolveRoll.
 */
export function resolveTarget(config: Config, lookupNode: NodeLookup, args: RollArgs): RollTarget;
export function resolveTarget(config: Config, lookupNode: NodeLookup, args: Exclude<RestartArgs, RollArgs>): RestartTarget;
export function resolveTarget(config: Config, lookupNode: NodeLookup, args: RestartArgs): RestartTarget | RollTarget;
export function resolveTarget(config: Config, lookupNode: NodeLookup, args: RestartArgs): RestartTarget | RollTarget {
  if (isRollArgs(args)) return resolveRoll(config, lookupNode, args);
  if (args.kind === "guardian") return args;
  if (args.kind === "dispatch") return resolveDispatch(config, args.project);
  lookupNode(args.node);
  const entry = config.nodes.find((n) => n.name === args.node);
  // The pool is built from config.nodes, so this only guards against the two disagreeing.
  if (!entry) throw new OysterError("UnknownNode", `unknown node "${args.node}"`, { node: args.node });
  switch (args.kind) {
    case "daemon":
      return { kind: "daemon", node: args.node, unit: config.oyster.systemd.daemonUnit };
    case "watcher":
      return { kind: "watcher", node: args.node, unit: watcherUnit(args.node, entry.services) };
    case "service":
      if (!entry.services.includes(args.unit)) {
        throw new OysterError(
          "UnknownService",
          `${args.node} does not list "${args.unit}" in its services (listed: ${knownList(entry.services, "none; add them to nodes.json")})`,
          { node: args.node, unit: args.unit, known: entry.services },
        );
      }
      return { kind: "service", node: args.node, unit: args.unit };
  }
}
