import { OysterError } from "../errors.ts";
import type { Store } from "../store/index.ts";

/** The one state.db lock every nodes.json writer takes: nodes add/remove, install-daemon, the OCI grab's join. */
export const NODES_FILE_LOCK = "nodes-file";

/**
 * How long a second writer waits. A holder keeps the lock for one read-modify-write of the file
 * (milliseconds), so a wait this long means a holder that is stuck: say "busy" rather than hang.
 */
export const NODES_FILE_WAIT_MS = 5_000;

export interface NodesFileLockOptions {
  /** Who is writing, for the other writer's "busy" message: `cli:alice`, `slack:U123`, `oci-grab`. */
  label: string;
  waitMs?: number;
  /** Told once when another writer holds the lock and this one starts waiting (tests step in there). */
  onWait?: () => void;
}

/**
 * Runs one nodes.json read-modify-write under the `nodes-file` lock. Each writer reads the file
 * afresh inside `fn`, so two writers in different processes (the bot's join and a terminal's
 * `nodes add`) never both start from the same old file and lose one's change. A writer that waits
 * past `waitMs` fails with Busy (exit 1), having written nothing.
 */
export async function withNodesFileLock<T>(store: Store, opts: NodesFileLockOptions, fn: () => T | Promise<T>): Promise<T> {
  const waitMs = opts.waitMs ?? NODES_FILE_WAIT_MS;
  let lock;
  try {
    lock = await store.lock(NODES_FILE_LOCK, { label: opts.label, waitMs: 0 });
  } catch (err) {
    if (!(err instanceof OysterError) || err.code !== "Busy") throw err;
    opts.onWait?.();
    try {
      lock = await store.lock(NODES_FILE_LOCK, { label: opts.label, waitMs });
    } catch (again) {
      if (!(again instanceof OysterError) || again.code !== "Busy") throw again;
      throw new OysterError("Busy", `${again.message}; waited ${Math.round(waitMs / 1000)} s; nodes.json left unchanged, try again`, again.details);
    }
  }
  try {
    return await fn();
  } finally {
    lock.release();
  }
}
