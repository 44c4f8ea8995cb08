import { readFileSync, statSync } from "node:fs";
import { userInfo } from "node:os";
import { isAbsolute, join } from "node:path";

/** A file's identity and last change, "absent" when there is none: what a cached answer depends on. */
export type FileSignatures = Record<string, string>;

const GLOB = /[*?[]/;

/** Splits an Include line's arguments as OpenSSH does: on whitespace, double quotes grouping. */
function includeArgs(rest: string): string[] {
  return [...rest.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

/**
 * Where an Include pattern's matches live. OpenSSH expands `~` with the account's home (getpwuid,
 * not $HOME) and reads a relative path in a user config (which `-F` makes it) from `~/.ssh`. The
 * watched path is the pattern itself when it has no glob, else the deepest directory above the
 * first glob: a file added there changes that directory's mtime.
 */
function includeWatchPath(pattern: string, accountHome: string): string {
  let path = pattern === "~" ? accountHome : pattern.startsWith("~/") ? join(accountHome, pattern.slice(2)) : pattern;
  if (!isAbsolute(path)) path = join(accountHome, ".ssh", path);
  if (!GLOB.test(path)) return path;
  const parts = path.split("/");
  const firstGlob = parts.findIndex((p) => GLOB.test(p));
  return parts.slice(0, firstGlob).join("/") || "/";
}

/**
 * Everything an `ssh -G` answer depends on: the files ssh read, and, for each Include in them, the
 * included file or the directory its glob matches in (so a file matching the glob later, or a
 * missing include appearing, invalidates the answer too). Re-scanning Include lines here is cheap
 * and needs no glob library: only the directories are watched, not the matches.
 */
export function watchedPaths(filesRead: string[], accountHome = userInfo().homedir): string[] {
  const paths = new Set<string>(filesRead);
  for (const file of filesRead) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const m of text.matchAll(/^[ \t]*include(?:[ \t]*=[ \t]*|[ \t]+)(.+)$/gim)) {
      for (const pattern of includeArgs(m[1]!)) {
        // A plain include is watched as itself, "absent" until it appears.
        paths.add(includeWatchPath(pattern, accountHome));
      }
    }
  }
  return [...paths];
}

/** Nanosecond mtime, size and inode: a rewrite within one millisecond still shows. */
export function signatureOf(path: string): string {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}`;
  } catch {
    return "absent";
  }
}

export function signaturesOf(paths: string[]): FileSignatures {
  return Object.fromEntries(paths.map((p) => [p, signatureOf(p)]));
}

/** True when every file still has the signature it had (`stat` memoised across entries by the caller). */
export function unchanged(saved: FileSignatures, current: (path: string) => string): boolean {
  return Object.entries(saved).every(([path, sig]) => current(path) === sig);
}
