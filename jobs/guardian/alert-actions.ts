import type { AlertAction } from "../../src/alerts/types.ts";
import type { Config } from "../../src/config/index.ts";
import { watcherUnit } from "../../src/restart/watcher-unit.ts";

/**
 * The `restart` words for a unit, named as an operator would type them: the daemon and the
 * node's watcher by their kind, any other listed service by name. All three restart exactly this
 * unit (restart's resolveTarget maps them back to it), so the button runs what the alert names.
 */
function restartWords(config: Config, node: string, unit: string): string[] {
  if (unit === config.oyster.systemd.daemonUnit) return ["daemon", node];
  const services = config.nodes.find((n) => n.name === node)?.services ?? [];
  try {
    if (watcherUnit(node, services) === unit) return ["watcher", node];
  } catch {
    // Several watchers and none is <node>-watcher: restart refuses "watcher" there, so name it.
  }
  return ["service", node, unit];
}

/**
 * What fits a unit that is down (node_availability): restart it (operator, planned and confirmed
 * like the typed command), and read its journal (operator: it shows what the unit prints; answered
 * only to whoever clicked).
 */
export function unitAlertActions(config: Config, node: string, unit: string): AlertAction[] {
  return [
    { label: `Restart ${unit}`, argv: ["restart", ...restartWords(config, node, unit)] },
    { label: `Show journal ${unit}`, argv: ["units", node, unit], private: true },
  ];
}

/** An incident whose fix budget is spent gets it back by `check --rearm` (operator, audited). */
export function rearmAction(check: string, node: string | null): AlertAction {
  return { label: "Re-arm fixes", argv: ["check", "--rearm", check, ...(node ? ["--node", node] : [])] };
}
