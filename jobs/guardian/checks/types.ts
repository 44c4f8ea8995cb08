import type { AlertAction, Severity } from "../../../src/alerts/types.ts";
import type { Config } from "../../../src/config/index.ts";
import type { Logger } from "../../../src/log.ts";
import type { SshPool } from "../../../src/ssh/index.ts";
import type { Reachability } from "../probe.ts";
import type { RemoteHashes } from "../remote-hashes.ts";
import type { Store } from "../../../src/store/index.ts";
import type { EvaluateDeps } from "../evaluate.ts";
import type { CheckResult } from "../report.ts";

export const CHECK_NAMES = ["db_schema", "wrapper_version", "ssh_connection", "node_availability", "param_alignment", "stuck_tasks"] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/** The checks whose failures count towards a storm (the controller's own network is suspect). */
export const REACHABILITY_CHECKS: readonly CheckName[] = ["node_availability", "ssh_connection"];

/** What a check found. A failing detection may carry a fix; without one it is only reported. */
export type Detection =
  | { ok: true; detail: string }
  | {
      ok: false;
      detail: string;
      severity: Severity;
      fix?: () => Promise<string>;
      /** Why this can never be fixed automatically (a changed host key). */
      noFix?: string;
      /** Why no fix is tried in this run, though a later run may (the node's time is spent): no attempt is counted. */
      deferred?: string;
      alertNow?: boolean;
      /** What a person can do about it from the alert (buttons in Slack): the exact oyster command lines. */
      actions?: AlertAction[];
    }
  | { skip: string };

export interface CheckContext {
  config: Config;
  ssh: SshPool;
  log: Logger;
  now: () => Date;
  dataDir: string;
  /** This run's probe of every node it covers. */
  reach: Map<string, Reachability>;
  /** Remote sha256 of the files the checks compare, one round trip per node per run. */
  hashes: RemoteHashes;
  /** All nodes this run covers (for checks that compare across the fleet). */
  nodes: readonly string[];
  /** Secret values to scrub from node output a detection quotes (it becomes an alert message). */
  secrets: readonly string[];
  /** Nodes dispatch.db has `draining`: their unavailability is reported, never alerted (see draining.ts). */
  draining?: ReadonlySet<string>;
}

export interface NodeCheck {
  name: CheckName;
  scope: "node";
  /** Node checks other than the reachability pair run only on nodes that are up. */
  needsUp: boolean;
  detect(ctx: CheckContext, node: string): Promise<Detection>;
}

export interface FleetCheck {
  name: CheckName;
  scope: "fleet";
  detect(ctx: CheckContext): Promise<Detection>;
}

/**
 * A check over dispatch's tasks rather than a node or the fleet (stuck_tasks): it keeps its own
 * incidents (one alert per task, grouped when many), so it raises and resolves them itself, with
 * the run's ledger and alert book. It runs last, after dispatch has been told which nodes are
 * offline, so it judges this run's node states.
 */
export interface TaskCheck {
  name: CheckName;
  scope: "tasks";
  run(ctx: TaskCheckContext): Promise<CheckResult[]>;
}

export interface TaskCheckContext extends CheckContext {
  store: Store;
  ev: EvaluateDeps;
  /** `check --node N`: only that node's tasks; null for the whole fleet. */
  only: string | null;
}

export type Check = NodeCheck | FleetCheck | TaskCheck;
