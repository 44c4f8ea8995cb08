import type { ErrorCode } from "../errors.ts";
import type { TemplateName } from "./templates.ts";

/** How the rendered unit compares with the node's file: none there, different, or identical. */
export type FileChange = "new" | "changed" | "same";

/** What install-daemon does (or would do) to one unit on one node, decided from the probe. */
export interface UnitDecision {
  unit: string;
  template: TemplateName;
  /** The unit file on the node: `<unitDir>/<unit>.service`. */
  path: string;
  file: FileChange;
  enable: boolean;
  /** `restart` for a changed file, `start` for a new one or an unchanged one that is not active. */
  start: "start" | "restart" | null;
  enabledBefore: string;
  activeBefore: string;
}

/** One remote command as run, for the report (and, on a failure, for the operator to retry). */
export interface InstallStep {
  command: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface UnitReport extends UnitDecision {
  /** What was done, in order: installed, enabled, started / restarted. Empty when nothing was needed. */
  done: string[];
  /** `is-active` after the start, when the unit was started; else the state before. */
  activeAfter: string;
  ok: boolean;
  /** Why it failed, in a line. */
  error?: string;
  /** On a failed start: the tail of `systemctl status` and of the journal, secrets scrubbed centrally. */
  status?: string;
  journal?: string;
  /** Dry run: the diff from the installed file to the rendered one (the whole unit when new). */
  diff?: string;
}

export type NodeInstallStatus = "changed" | "unchanged" | "would-change" | "failed";

export interface NodeInstall {
  node: string;
  status: NodeInstallStatus;
  unitDir: string;
  units: UnitReport[];
  /** Commands run (or, in a dry run, that would run), in order. */
  steps: InstallStep[];
  /** Dry run: the commands a real run would send. */
  wouldRun?: string[];
  /** Units added to the node's `services` in nodes.json by this run. */
  servicesAdded?: string[];
  error?: { code: ErrorCode; message: string };
}

export interface InstallReport {
  dryRun: boolean;
  ok: boolean;
  templates: Record<TemplateName, string>;
  nodes: NodeInstall[];
  /** nodes.json as written, when services were added (the file behind a symlink) and its backup. */
  nodesFile?: { path: string; backup?: string };
  /** Why recording services failed, when it did (the units are installed all the same). */
  servicesError?: string;
}
