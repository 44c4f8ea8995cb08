/** What `restart` was asked to restart, after the words were checked for shape (not yet against config). */
export type RestartArgs =
  | { kind: "guardian" }
  | { kind: "dispatch"; project: string }
  | { kind: "daemon"; node: string }
  | { kind: "watcher"; node: string }
  | { kind: "service"; node: string; unit: string };

/** The same, resolved against config: the unit to restart on a node, or where dispatch lives. */
export type RestartTarget =
  | { kind: "guardian" }
  | { kind: "dispatch"; project: string; dir: string }
  | { kind: "daemon" | "watcher" | "service"; node: string; unit: string };

export type UnitTarget = Extract<RestartTarget, { unit: string }>;
export type DispatchTarget = Extract<RestartTarget, { kind: "dispatch" }>;

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

export interface RestartData {
  target: RestartTarget;
  steps: RestartStep[];
  /** `systemctl is-active` before and after, for units; "unknown" when it could not be read. */
  before?: string;
  after?: string;
  /** `restart guardian`: the running bot's answer. */
  answer?: string;
  ok: boolean;
}
