import { chmodSync, chownSync, statSync } from "node:fs";
import { dirname } from "node:path";

export interface MatchedFile {
  mode: number;
  /** False when the owner could not be given over (only root may chown to another user). */
  ownerKept: boolean;
}

/**
 * Gives the prepared copy the mode and owner of the dispatch.db it replaces. dispatch.db is
 * dispatch's file, often shared with a group (0664) or owned by another user when restore runs
 * as root: a copy of our private 0600 snapshot put in its place would lock dispatch out. With
 * no dispatch.db yet, the copy gets what SQLite would have made (0644 less the umask) and, as
 * root, the owner of dispatch's dir.
 */
export function matchLiveFile(prepared: string, live: string, isRoot = process.getuid?.() === 0): MatchedFile {
  const existing = statOrUndefined(live);
  const mode = existing ? existing.mode & 0o7777 : 0o644 & ~process.umask();
  const owner = existing ?? (isRoot ? statSync(dirname(live)) : undefined);
  chmodSync(prepared, mode);
  if (!owner) return { mode, ownerKept: true };
  const mine = statSync(prepared);
  if (mine.uid === owner.uid && mine.gid === owner.gid) return { mode, ownerKept: true };
  try {
    chownSync(prepared, owner.uid, owner.gid);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EPERM" || isRoot) throw err;
    return { mode, ownerKept: false };
  }
  // chown clears setuid/setgid bits on some systems: put the mode back as it was.
  chmodSync(prepared, mode);
  return { mode, ownerKept: true };
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
