/** The kinds of restart that act on a unit on a node (as against dispatch or the guardian). */
export type UnitKind = "daemon" | "watcher" | "service";

/** One named node: today's forms, kept as they were (alert buttons and scripts type them). */
export type SingleUnitArgs = { kind: "daemon" | "watcher"; node: string } | { kind: "service"; node: string; unit: string };

/**
 * Several nodes, `--all` or `--tag`: a rolling restart. `nodes` is the roll's order: as named;
 * for `--all` / `--tag` empty until `validate` fills it from nodes.json, so that the plan, the
 * run and the audit row all name the same nodes.
 */
export interface RollArgs {
  kind: UnitKind;
  nodes: string[];
  all?: true;
  tag?: string;
  /** `service` only: the unit every node must list. */
  unit?: string;
  parallel: number;
}

/** What `restart` was asked to restart, after the words were checked for shape (not yet against config). */
export type RestartArgs = { kind: "guardian" } | { kind: "dispatch"; project: string } | SingleUnitArgs | RollArgs;

export function isRollArgs(args: RestartArgs): args is RollArgs {
  return "nodes" in args;
}

/** The same, resolved against config: the unit to restart on a node, or where dispatch lives. */
export type RestartTarget =
  | { kind: "guardian" }
  | { kind: "dispatch"; project: string; dir: string }
  | { kind: UnitKind; node: string; unit: string };

export type UnitTarget = Extract<RestartTarget, { unit: string }>;
export type DispatchTarget = Extract<RestartTarget, { kind: "dispatch" }>;

/** A roll resolved against config: every node's unit, in roll order. */
export interface RollTarget {
  kind: UnitKind;
  nodes: UnitTarget[];
  parallel: number;
  all?: true;
  tag?: string;
  unit?: string;
}

/** One command that ran: on a node (its name) or on the controller ("controller"). */
export interface RestartStep {
  where: string;
  command: string;
  /** null when it never exited on its own (timed out, killed, or the connection failed). */
  code: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut?: boolean;
  truncated?: boolean;
}

/** One node of a roll: restarted and active (ok), not (failed), or never started (untouched). */
export interface RollEntry {
  node: string;
  unit: string;
  status: "ok" | "failed" | "untouched";
  before?: string;
  after?: string;
  steps?: RestartStep[];
  /** A node that could not be read before its restart (unreachable, timed out): nothing was changed there. */
  error?: { code: string; message: string };
}

export interface RestartData {
  target: RestartTarget;
  steps: RestartStep[];
  /** `systemctl is-active` before and after, for units; "unknown" when it could not be read. */
  before?: string;
  after?: string;
  /** `restart guardian`: the running bot's answer. */
  answer?: string;
  /** Units: the same result as a roll of one node, so a script can read `nodes` whatever it ran. */
  nodes?: RollEntry[];
  ok: boolean;
}

/** A roll's result: every node with its status, in roll order. */
export interface RollData {
  target: { kind: UnitKind; all?: true; tag?: string; unit?: string };
  parallel: number;
  nodes: RollEntry[];
  ok: boolean;
}
