import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { OysterError } from "../errors.ts";
import { sha256 } from "../files/sha256.ts";
import type { LocalFile } from "./types.ts";

/**
 * Reads every file to sync from the controller's dispatch dir, before any node is contacted: a
 * missing source must stop the whole sync, not leave half the fleet on a mix of old and new.
 * No dispatch dir at all is "not configured" (Oyster never creates it); a dir that lacks one of
 * `sync.files` is a failure naming the file.
 */
export function readLocalFiles(dir: string, names: readonly string[]): LocalFile[] {
  if (!existsSync(dir)) {
    throw new OysterError("NotConfigured", `not configured: dispatch.dir ${dir} does not exist`, { dir });
  }
  const missing = names.filter((n) => !existsSync(join(dir, n)));
  if (missing.length > 0) {
    throw new OysterError("CommandFailed", `cannot sync: the controller's dispatch dir ${dir} has no ${missing.join(", ")} (sync.files); nothing was sent`, { dir, missing });
  }
  return names.map((name) => {
    const path = join(dir, name);
    const stat = statSync(path);
    if (!stat.isFile()) throw new OysterError("CommandFailed", `cannot sync: ${path} is not a regular file; nothing was sent`, { path });
    let data: Buffer;
    try {
      data = readFileSync(path);
    } catch (err) {
      throw new OysterError("CommandFailed", `cannot sync: cannot read ${path}: ${(err as Error).message}; nothing was sent`, { path }, { cause: err });
    }
    return { name, path, sha256: sha256(data), mode: stat.mode & 0o777, size: data.length };
  });
}
