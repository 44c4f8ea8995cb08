import { randomBytes } from "node:crypto";
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { syncDir } from "./durable.ts";
import { ensurePrivateDir, PRIVATE_FILE_MODE } from "./private.ts";

/**
 * Readers (scripts, external checks) see the old content or the new, never a torn file: the temp
 * file sits in the same dir so the rename stays on one file system, and is fsynced first so a
 * power cut cannot leave a renamed but empty file. Private by default (0600 in a 0700 dir): alert
 * files name nodes and carry check output.
 */
export function writeFileAtomic(path: string, content: string, mode = PRIVATE_FILE_MODE): void {
  ensurePrivateDir(dirname(path));
  replaceFileAtomic(path, content, mode);
}

/**
 * The same temp + fsync + rename, in a dir that must already exist and is left as it is: for
 * files outside the data dir (the operator's nodes.json), whose dir is not Oyster's to tighten.
 */
export function replaceFileAtomic(path: string, content: string, mode: number): void {
  const dir = dirname(path);
  // A leading dot and a .tmp suffix: globs for `*.json` never pick up a half-written file.
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let fd: number | undefined = openSync(tmp, "wx", mode);
  try {
    fchmodSync(fd, mode); // exactly `mode`, whatever the umask took off
    writeFileSync(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  syncDir(dir);
}
