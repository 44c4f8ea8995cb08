import { constants } from "node:fs";
import { open, stat, type FileHandle } from "node:fs/promises";
import type { Stats } from "node:fs";
import { OysterError } from "../errors.ts";

/** A log opened for reading, proven a plain file through the handle itself. */
export interface OpenLog {
  fh: FileHandle;
  path: string;
  size: number;
  /** The handle's fstat, for callers that check more (open-task-log compares the inode). */
  stats: Stats;
}

export interface OpenRegularOptions {
  /** Refuse a symlink as the last component (O_NOFOLLOW): the path was already resolved. */
  noFollow?: boolean;
  /** The error for a path that is not a plain file; by default FileNotFound (exit 1) naming it. */
  notRegular?: (path: string, kind: string) => OysterError;
}

export function fileKind(st: Stats): string {
  if (st.isFIFO()) return "a FIFO";
  if (st.isDirectory()) return "a directory";
  if (st.isSocket()) return "a socket";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  if (st.isSymbolicLink()) return "a symbolic link";
  return "an unusual file type";
}

const defaultNotRegular = (path: string, kind: string) => new OysterError("FileNotFound", `${path} is not a regular file (${kind})`, { path });

/** A missing or unreadable log names its path: the operator's next step is to look there. */
function unreadable(path: string, err: unknown): OysterError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === "ENOENT" ? "does not exist" : `cannot be read (${code ?? (err as Error).message})`;
  return new OysterError("FileNotFound", `${path} ${why}`, { path });
}

/**
 * Opens a log for reading, only if it is a plain file. It is stat'ed first (a device is never
 * opened at all), then opened with O_NONBLOCK so that a FIFO swapped in after that stat cannot
 * block the open, and judged again by fstat on the handle, which is what is actually read: a
 * FIFO or a device would block a read (and a libuv thread with it) or never end.
 */
export async function openRegular(path: string, opts: OpenRegularOptions = {}): Promise<OpenLog> {
  const notRegular = opts.notRegular ?? defaultNotRegular;
  let before: Stats;
  try {
    before = await stat(path);
  } catch (err) {
    throw unreadable(path, err);
  }
  if (!before.isFile()) throw notRegular(path, fileKind(before));
  const flags = constants.O_RDONLY | constants.O_NONBLOCK | (opts.noFollow ? constants.O_NOFOLLOW : 0);
  let fh: FileHandle;
  try {
    fh = await open(path, flags);
  } catch (err) {
    // O_NOFOLLOW's refusal: the path became a symlink after it was resolved.
    if ((err as NodeJS.ErrnoException).code === "ELOOP") throw notRegular(path, "a symbolic link");
    throw unreadable(path, err);
  }
  try {
    const stats = await fh.stat();
    if (!stats.isFile()) throw notRegular(path, fileKind(stats));
    return { fh, path, size: stats.size, stats };
  } catch (err) {
    await fh.close();
    throw err;
  }
}
