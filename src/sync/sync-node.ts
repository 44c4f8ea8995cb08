import { OysterError, toOysterError } from "../errors.ts";
import { mapLimit } from "../async/map-limit.ts";
import { uploadFile, type SshPool, type SshTarget } from "../ssh/index.ts";
import { compareFiles, differenceOf } from "./compare.ts";
import { fetchRemoteState } from "./remote-state.ts";
import type { LocalFile, NodeSync } from "./types.ts";
import { withDeadline } from "../async/with-deadline.ts";

export interface NodeSyncOptions {
  dryRun: boolean;
  /** Deadline for each file's upload (ssh.commandTimeoutMs). */
  timeoutMs: number;
}

// Each upload is its own SFTP session: a few at once shortens a first sync without nearing
// sshd's MaxSessions (10 by default) on one connection.
const UPLOADS_PER_NODE = 4;

async function pushAll(ssh: SshPool, target: SshTarget, files: LocalFile[], timeoutMs: number): Promise<{ pushed: string[]; error?: OysterError }> {
  // One timeout per node: once an upload timed out (the node froze under it, most likely), the
  // node's time is spent, and the files still queued are not tried (each would dial it and wait
  // out a connect timeout of its own).
  let spent: OysterError | undefined;
  const outcomes = await mapLimit(files, UPLOADS_PER_NODE, async (file) => {
    if (spent) return { name: file.name, error: spent };
    try {
      const upload = uploadFile(ssh, target.name, file.path, target.dispatchDir, file.name);
      await withDeadline(upload, timeoutMs, () => {
        ssh.drop(target.name);
        return new OysterError("SshTimeout", `${target.name}: upload of ${file.name} did not finish within ${timeoutMs} ms`, { node: target.name, phase: "upload", timeoutMs });
      });
      return { name: file.name };
    } catch (err) {
      const e = toOysterError(err);
      if (e.code === "SshTimeout") spent ??= e;
      return { name: file.name, error: e };
    }
  });
  const error = outcomes.find((o) => o.error)?.error;
  return { pushed: outcomes.filter((o) => !o.error).map((o) => o.name), ...(error ? { error } : {}) };
}

/**
 * One node: hash what it holds (one round trip), push only what differs (temp + rename, mode
 * kept), then hash again (one round trip) and call it changed only when every pushed file now
 * matches. Never throws: a failure is this node's result, so it cannot stop the others.
 */
export async function syncNode(ssh: SshPool, target: SshTarget, local: readonly LocalFile[], opts: NodeSyncOptions): Promise<NodeSync> {
  const node = target.name;
  const names = local.map((f) => f.name);
  const result: NodeSync = { node, status: "unchanged", changed: [], unchanged: [], reasons: {}, restarts: [] };
  try {
    // A real sync (not a dry run) also clears what a killed earlier upload left half-written.
    const before = await fetchRemoteState(ssh, node, target.dispatchDir, names, { sweepStaleTemps: !opts.dryRun });
    if (before.dirMissing) {
      // Not created here: a wrong dispatchDir in nodes.json would otherwise grow a stray copy.
      throw new OysterError("CommandFailed", `${node}: dispatch dir ${target.dispatchDir} does not exist on the node (sync does not create it)`, { node, dir: target.dispatchDir });
    }
    const cmp = compareFiles(local, before);
    result.unchanged = cmp.same;
    result.reasons = cmp.reasons;
    if (cmp.differ.length === 0) return result;
    if (opts.dryRun) return { ...result, status: "would-change", changed: cmp.differ };

    const toPush = local.filter((f) => cmp.differ.includes(f.name));
    const { pushed, error } = await pushAll(ssh, target, toPush, opts.timeoutMs);
    result.changed = pushed;
    if (error) throw error;

    const after = await fetchRemoteState(ssh, node, target.dispatchDir, cmp.differ);
    const still = toPush.map((f) => [f.name, differenceOf(f, after)] as const).filter(([, why]) => why !== undefined);
    if (still.length > 0) {
      throw new OysterError("CommandFailed", `${node}: pushed, but still differs: ${still.map(([n, why]) => `${n} (${why})`).join(", ")}`, { node });
    }
    return { ...result, status: "changed" };
  } catch (err) {
    const e = toOysterError(err);
    return { ...result, status: "failed", error: { code: e.code, message: e.message } };
  }
}
