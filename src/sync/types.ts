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
