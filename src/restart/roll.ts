import { toOysterError } from "../errors.ts";
import { NO_PROGRESS, type Progress } from "../progress/progress.ts";
import { trackNodes } from "../progress/track-nodes.ts";
import type { SshPool } from "../ssh/index.ts";
import { restartUnit } from "./restart-unit.ts";
import type { RestartData, RollEntry, UnitTarget } from "./types.ts";

type Exec = Pick<SshPool, "exec">;

export interface RollOptions {
  /** How many nodes restart at once (default 1); clamped to 1..the node count. */
  parallel?: number;
  /** Called as each node settles (ok or failed), for a log line while a long roll goes on. */
  onSettled?: (entry: RollEntry) => void;
  /** Told as each node starts and settles (a live line on a terminal, Slack's reply); nothing when absent. */
  progress?: Progress;
}

/** A unit restart's result as one entry of a roll. */
export function rollEntry(data: RestartData & { target: UnitTarget }): RollEntry {
  return {
    node: data.target.node,
    unit: data.target.unit,
    status: data.ok ? "ok" : "failed",
    ...(data.before !== undefined ? { before: data.before } : {}),
    ...(data.after !== undefined ? { after: data.after } : {}),
    steps: data.steps,
  };
}

// A node that cannot even be read first (unreachable, timed out) was not changed, but the roll
// cannot vouch for it either: it counts as a failure and stops the roll like any other. One the
// caller cancelled before it was reached (Ctrl-C through the bot) was not touched at all: it
// stays "untouched" and the roll stops there.
async function restartOne(ssh: Exec, target: UnitTarget): Promise<RollEntry | "cancelled"> {
  try {
    return rollEntry({ ...(await restartUnit(ssh, target)), target });
  } catch (err) {
    const e = toOysterError(err);
    if (e.code === "Cancelled") return "cancelled";
    return { node: target.node, unit: target.unit, status: "failed", steps: [], error: { code: e.code, message: e.message } };
  }
}

/**
 * Restarts each target's unit (restart, then is-active: see restartUnit) in order, at most
 * `parallel` at once: a new node starts only as one settles. The first failure stops the roll:
 * nodes already started finish, no new one starts, and the rest stay "untouched" (as after a
 * cancel: the caller's Ctrl-C through the bot stops it between nodes). Never throws
 * for a node's failure; the entries say what happened where, in the targets' order.
 */
export async function rollRestart(ssh: Exec, targets: readonly UnitTarget[], opts: RollOptions = {}): Promise<RollEntry[]> {
  const entries: RollEntry[] = targets.map((t) => ({ node: t.node, unit: t.unit, status: "untouched" }));
  const lanes = Math.max(1, Math.min(opts.parallel ?? 1, targets.length));
  let next = 0;
  let stopped = false;
  const progress = trackNodes(opts.progress ?? NO_PROGRESS, "restart", targets.length);
  const lane = async () => {
    while (!stopped && next < targets.length) {
      const i = next++;
      const entry = await progress.run(targets[i]!.node, () => restartOne(ssh, targets[i]!));
      if (entry === "cancelled") {
        stopped = true;
        break;
      }
      entries[i] = entry;
      if (entry.status === "failed") stopped = true;
      opts.onSettled?.(entry);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane)).finally(() => progress.end());
  return entries;
}

/**
 * Restarts units on one node, one after another, each checked with is-active, stopping at the
 * first that fails (the rest "untouched"). For callers that restart what they changed on a node
 * (sync's `sync.restart`); unit names must already be checked (config's unit name rules).
 */
export function restartUnits(ssh: Exec, node: string, units: readonly string[]): Promise<RollEntry[]> {
  return rollRestart(ssh, units.map((unit) => ({ kind: "service", node, unit })));
}
