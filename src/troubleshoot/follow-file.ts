import { watch, type FSWatcher, type Stats } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { OysterError } from "../errors.ts";
import { LineSplitter } from "./line-splitter.ts";
import { fileKind, openRegular, type OpenLog } from "./open-regular.ts";

/**
 * A backstop to fs.watch, which can miss events (network and container-mounted filesystems, an
 * inotify limit reached): one stat of the path and one fstat per tick, never a busy loop.
 */
export const FOLLOW_POLL_MS = 500;
const READ_BYTES = 64 * 1024;

export interface FollowOptions {
  /** The log as the tail read it, still open: following starts exactly where the tail ended. */
  from: OpenLog;
  /** Each new complete line, without its newline. */
  onLine: (line: string) => void;
  /** Rotation and truncation, said once each as they happen (`tail -F` says them too). */
  onNote: (note: string) => void;
  /** Aborted by Ctrl-C: following stops at the next wake, which the abort itself causes. */
  signal: AbortSignal;
  pollMs?: number;
}

interface Current {
  log: OpenLog;
  pos: number;
}

const sameFile = (a: Stats, b: Stats) => a.ino === b.ino && a.dev === b.dev;

/**
 * `tail -F` for one path: reads what is appended, and when the file at the path is another
 * (logs/oyster.log renamed to oyster.log.1 and a new one made), reads the rest of the old one and
 * then the new one from its start. A file that shrank was truncated: read again from its start. A
 * path that is briefly missing (between the rename and the new file) keeps the old file open.
 * Wakes on fs.watch of the directory (renames and creations show there, not on the file) and on
 * a timer; a wake during a read is remembered, never lost.
 */
export async function followFile(opts: FollowOptions): Promise<void> {
  const path = opts.from.path;
  const lines = new LineSplitter();
  let cur: Current = { log: opts.from, pos: opts.from.size };
  let pending = false;
  let wake = () => {};
  const kick = () => {
    pending = true;
    wake();
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(path), (_event, name) => {
      if (name === null || name.toString().startsWith(basename(path))) kick();
    });
    // A watch that breaks later leaves the timer to do the work.
    watcher.on("error", () => watcher?.close());
  } catch {
    // No watch at all here (inotify limit, unsupported filesystem): the timer alone suffices.
  }
  const timer = setInterval(kick, opts.pollMs ?? FOLLOW_POLL_MS);
  opts.signal.addEventListener("abort", kick, { once: true });

  const emit = (found: string[]) => found.forEach((l) => opts.onLine(l));
  const buf = Buffer.alloc(READ_BYTES);

  /** Everything appended to the current file since the last read. */
  const drain = async () => {
    const size = (await cur.log.fh.stat()).size;
    if (size < cur.pos) {
      opts.onNote(`${path} was truncated; reading it from its start`);
      cur.pos = 0;
      lines.reset();
    }
    // Ctrl-C is heard between reads, even while a log grows faster than it is printed.
    while (!opts.signal.aborted) {
      const { bytesRead } = await cur.log.fh.read(buf, 0, READ_BYTES, cur.pos);
      if (bytesRead === 0) return;
      cur.pos += bytesRead;
      emit(lines.push(buf.subarray(0, bytesRead)));
    }
  };

  /** Another file at the path: finish the old one, then start the new one from byte 0. */
  const switchTo = async (atPath: Stats) => {
    if (!atPath.isFile()) throw new OysterError("FileNotFound", `${path} was replaced by ${fileKind(atPath)}: stopped following`, { path });
    await drain();
    let next: OpenLog;
    try {
      next = await openRegular(path);
    } catch {
      return; // Gone again between the stat and the open: the next wake looks again.
    }
    emit(lines.flush());
    await cur.log.fh.close();
    cur = { log: next, pos: 0 };
    opts.onNote(`${path} was rotated; following the new file`);
  };

  try {
    while (!opts.signal.aborted) {
      if (!pending) await new Promise<void>((resolve) => (wake = resolve));
      pending = false;
      if (opts.signal.aborted) break;
      await drain();
      const atPath = await stat(path).catch(() => undefined);
      if (atPath && !sameFile(atPath, cur.log.stats)) {
        await switchTo(atPath);
        await drain();
      }
    }
  } finally {
    clearInterval(timer);
    watcher?.close();
    opts.signal.removeEventListener("abort", kick);
    await cur.log.fh.close();
  }
}
