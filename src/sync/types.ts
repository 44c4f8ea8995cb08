import type { ErrorCode } from "../errors.ts";

/** One file of `sync.files` as the controller holds it: the source of truth for every node. */
export interface LocalFile {
  name: string;
  path: string;
  sha256: string;
  /** Permission bits only (0o777): what uploadFile sets on the node. */
  mode: number;
  size: number;
}

/** What a node holds of one file; absent from the map when the file is missing or unreadable. */
export interface RemoteFile {
  sha256?: string;
  mode?: number;
}

export interface RemoteState {
  /** The node's dispatch dir does not exist (sync does not create it: it may be a typo). */
  dirMissing: boolean;
  files: Map<string, RemoteFile>;
}

export type NodeSyncStatus = "changed" | "unchanged" | "failed" | "would-change";

export interface NodeSync {
  node: string;
  status: NodeSyncStatus;
  /** Pushed and verified (or, in a dry run, would be pushed); on a failed node, what did land. */
  changed: string[];
  unchanged: string[];
  /** Why each file in `changed` differed: "missing", "content differs", "mode 644, controller 755". */
  reasons: Record<string, string>;
  error?: { code: ErrorCode; message: string };
  /** The `sync.restart` units for the files this node had replaced, in config order; empty when none. */
  restarts: UnitRestart[];
}

/**
 * One unit of `sync.restart` on one node. `would-restart`: a dry run's (or the plan's) promise;
 * `skipped`: its file landed but the node's sync failed, so nothing was restarted.
 */
export interface UnitRestart {
  unit: string;
  /** The replaced files that map to this unit. */
  files: string[];
  status: "restarted" | "failed" | "would-restart" | "skipped";
  /** `systemctl is-active` before and after the restart, when it ran. */
  before?: string;
  after?: string;
  /** Why a restart failed: its stderr's first line, or the error that stopped it. */
  error?: string;
}

export interface SyncTotals {
  nodes: number;
  changed: number;
  unchanged: number;
  failed: number;
  wouldChange: number;
  /** Files pushed (or that would be) over the changed / would-change nodes. */
  files: number;
}

export interface SyncReport {
  ok: boolean;
  dryRun: boolean;
  startedAt: string;
  durationMs: number;
  /** `sync.files`, in config order. */
  files: string[];
  nodes: NodeSync[];
  totals: SyncTotals;
}
