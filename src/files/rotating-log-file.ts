import { closeSync, fchmodSync, fstatSync, openSync, renameSync, statSync, writeSync } from "node:fs";
import { PRIVATE_FILE_MODE } from "./private.ts";

export interface RotationOptions {
  /** Rotate once the file reaches this many bytes. */
  maxBytes: number;
  /** Rotated generations kept beside it: `<path>.1` (newest) to `<path>.<keep>`. */
  keep: number;
}

// How many of our own writes between looks at the path: enough to notice another process's
// writes and rotation soon, cheap enough (one stat) not to matter per line.
const LOOK_EVERY = 50;

/**
 * `logs/oyster.log`, appended synchronously (a CLI that exits right after logging keeps its line)
 * and rotated by size, logrotate's way: `oyster.log` → `.1` → `.2` ... up to `keep`. The bot and
 * the CLI append to the same file: whoever finds it over the limit rotates it, and a writer whose
 * file was rotated away by the other (its inode is no longer at the path) reopens the path.
 */
export class RotatingLogFile {
  private fd: number;
  private size: number;
  private writes = 0;
  private dropped = 0;
  private dropReason = "";

  constructor(
    readonly path: string,
    private readonly opts: RotationOptions,
    private readonly mode = PRIVATE_FILE_MODE,
  ) {
    this.fd = this.open();
    this.size = fstatSync(this.fd).size;
  }

  /**
   * Appends one line. A line that cannot be written (the disk is full, the file system went
   * read-only) is dropped and counted, never thrown: the logger runs inside every handler, and a
   * throw from a log call would take the bot down at the moment it most needs to keep going (a
   * full data dir). The next line that gets through is preceded by a note of how many were lost.
   */
  write(line: string): void {
    try {
      if (this.dropped > 0) this.append(droppedNote(this.dropped, this.dropReason));
      this.dropped = 0;
      this.append(line);
    } catch (err) {
      this.dropped++;
      this.dropReason = (err as NodeJS.ErrnoException).code ?? String(err);
    }
  }

  /** Lines not written since the last one that was (a full disk, say). */
  get droppedLines(): number {
    return this.dropped;
  }

  private append(line: string): void {
    const bytes = Buffer.byteLength(line);
    if (++this.writes % LOOK_EVERY === 0 || this.size + bytes > this.opts.maxBytes) this.look();
    writeSync(this.fd, line);
    this.size += bytes;
  }

  close(): void {
    closeSync(this.fd);
  }

  private open(): number {
    const fd = openSync(this.path, "a", this.mode);
    fchmodSync(fd, this.mode); // exactly private, whatever the umask
    return fd;
  }

  private reopen(): void {
    // Open first: when that fails the old descriptor stays valid, never a closed number that the
    // process may hand to some other file next.
    const fd = this.open();
    closeSync(this.fd);
    this.fd = fd;
    this.size = fstatSync(this.fd).size;
  }

  /** Follows a rotation done by another process, and rotates when the file is full. */
  private look(): void {
    const atPath = statSync(this.path, { throwIfNoEntry: false });
    if (!atPath || atPath.ino !== fstatSync(this.fd).ino) this.reopen();
    else this.size = atPath.size;
    if (this.size >= this.opts.maxBytes) this.rotate();
  }

  private rotate(): void {
    for (let i = this.opts.keep - 1; i >= 1; i--) renameQuietly(`${this.path}.${i}`, `${this.path}.${i + 1}`);
    renameQuietly(this.path, `${this.path}.1`);
    this.reopen();
  }
}

function renameQuietly(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (err) {
    // A generation not there yet, or another process rotated first: nothing to move.
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
}

/** A line in the log's own JSON shape (pino's), so `oyster logs` reads it like any other. */
function droppedNote(count: number, reason: string): string {
  return `${JSON.stringify({ level: 40, time: Date.now(), pid: process.pid, dropped: count, reason, msg: "log lines dropped: the log file could not be written" })}\n`;
}
