import type { ErrorCode } from "../errors.ts";

/** How the hook file on the node compares with the shipped one. */
export type HookChange = "new" | "changed" | "same";

/** What install-agent-hooks does (or would do) in one agent dir on one node, decided from the probe. */
export interface HookDecision {
  /** The accounts (`claude:<label>`) whose feed this dir holds. */
  accounts: string[];
  /** The dir as configured, `{node}` replaced. */
  dir: string;
  /** The same dir as an absolute path on the node. */
  path: string;
  hook: HookChange;
  /** The previous `statusLine` (null: none was set), when it is saved now; absent when nothing is saved. */
  savePrevious?: { previous: unknown };
  statusLine: { before: unknown; after: Record<string, unknown>; change: boolean };
  /** sha256 of settings.json as probed (null: there was none): the write refuses a file changed since. */
  settingsSha: string | null;
  /** Why this dir (and so its node) is refused: nothing is changed on the node. */
  error?: string;
}

export interface DirReport extends HookDecision {
  /** What was written, in order: hook, previous, settings. Empty when nothing was needed. */
  done: string[];
  /** Sent to the node to be written (what it did is `done`). */
  applied?: boolean;
  /** Why writing stopped part-way, when it did. */
  writeError?: string;
}

export type NodeHooksStatus = "changed" | "unchanged" | "would-change" | "failed" | "skipped";

export interface NodeHooks {
  node: string;
  status: NodeHooksStatus;
  dirs: DirReport[];
  /** Why the node was skipped (no account maps to it). */
  message?: string;
  error?: { code: ErrorCode; message: string };
}

export interface HooksReport {
  dryRun: boolean;
  ok: boolean;
  /** The shipped hook: its file name in each dir and its sha256. */
  hook: { file: string; sha256: string };
  nodes: NodeHooks[];
}
