import { realpathSync, statSync } from "node:fs";
import { describeUid, groupIsOnlyUser } from "./private-group.ts";

// The data dir holds state.db (the audit, the outbox), task prompts and the CLI's socket; the
// config dir holds oyster.json (shell commands Oyster runs) and the unit templates that become
// root's units on every node. If someone else owns either, or may write to it, they can plant a
// file there (a state.db, a template, a symlink) that Oyster would then trust. So each is judged
// by what it really is, through any symlink (OYSTER_DATA_DIR -> /tmp/shared is /tmp/shared),
// and refused rather than used. Only the directory itself is judged, not its parents: /tmp is
// 1777 and a data dir inside it is still private.

export interface TrustRule {
  /** Root may own it too: a config dir kept by root (/etc/oyster) is no one else's to change. */
  rootMayOwn?: boolean;
}

const octal = (mode: number) => `0${(mode & 0o7777).toString(8).padStart(3, "0")}`;

/**
 * Why `path` (followed through symlinks) must not be trusted, with what to do about it; null
 * when it is fine or does not exist (the caller decides what a missing one means). Without
 * POSIX owners (Windows) there is nothing to judge.
 */
export function untrustedReason(path: string, rule: TrustRule = {}, uid: number | undefined = process.getuid?.()): string | null {
  if (uid === undefined) return null;
  let real: string;
  try {
    real = realpathSync(path);
  } catch (err) {
    // Not there (or under something that is not a dir): whoever reads it reports that.
    if (["ENOENT", "ENOTDIR"].includes((err as NodeJS.ErrnoException).code ?? "")) return null;
    throw err;
  }
  const st = statSync(real);
  const shown = real === path ? path : `${path} (really ${real})`;
  if (st.uid !== uid && !(rule.rootMayOwn && st.uid === 0)) {
    return `${shown} is owned by ${describeUid(st.uid)}, not by you (${describeUid(uid)}): refused; use one of your own${rule.rootMayOwn ? " (or root's)" : ""}`;
  }
  if (st.mode & 0o002) return `${shown} is writable by others (mode ${octal(st.mode)}): refused; chmod go-w ${real}`;
  if (st.mode & 0o020 && !groupIsOnlyUser(st.gid, st.uid)) {
    return `${shown} is writable by its group, gid ${st.gid}, which is not yours alone (mode ${octal(st.mode)}): refused; chmod g-w ${real}`;
  }
  return null;
}
