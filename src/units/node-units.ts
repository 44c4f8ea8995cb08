import type { Config } from "../config/index.ts";
import { OysterError } from "../errors.ts";
import { watcherUnit } from "../restart/watcher-unit.ts";
import type { TemplateName } from "./templates.ts";

/** A unit install-daemon manages on a node: which template it is rendered from, and its name there. */
export interface NodeUnit {
  template: TemplateName;
  /** Without `.service`: what systemctl and nodes.json's `services` call it. */
  unit: string;
}

const bare = (unit: string) => unit.replace(/\.service$/, "");

/**
 * The daemon is `systemd.daemonUnit`; the watcher is named exactly as `restart watcher` finds it
 * (the node's one `*-watcher` service, else `<node>-watcher`), so the two commands always mean
 * the same unit. Unit names come from config only, never from what the user typed.
 */
export function nodeUnits(config: Config, node: string): NodeUnit[] {
  const entry = config.nodes.find((n) => n.name === node);
  if (!entry) throw new OysterError("UnknownNode", `unknown node "${node}"`, { node });
  return [
    { template: "agent-daemon", unit: bare(config.oyster.systemd.daemonUnit) },
    { template: "watcher", unit: bare(watcherUnit(node, entry.services)) },
  ];
}

/** `systemd.unitDir` for one node: `{node}` replaced by its name (nodes sharing a filesystem). */
export function unitDirFor(config: Config, node: string): string {
  return config.oyster.systemd.unitDir.replaceAll("{node}", node);
}
