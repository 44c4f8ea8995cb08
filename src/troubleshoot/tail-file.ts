import { openRegular, type OpenLog } from "./open-regular.ts";

/** `--lines` bounds: enough for any look at a log, never a flood. */
export const TAIL_LINES = { min: 1, max: 10_000 };
/** What one answer may hold: the CLI prints it and Slack shows its end, so a megabyte helps no one. */
export const TAIL_OUTPUT_BYTES = 256 * 1024;
const CHUNK_BYTES = 64 * 1024;
/** One line longer than this (a binary blob, a minified dump) is shown by its end only. */
export const MAX_LINE_BYTES = 16 * 1024;
/**
 * A filter (`logs oyster --level error`) may match nothing: stop looking after this much of the
 * file rather than read a multi-GB log to its start.
 */
const SCAN_BYTES = 64 * 1024 * 1024;

export interface TailOptions {
  lines: number;
  /** Keeps a line (possibly rewritten for display) or drops it (null). */
  keep?: (line: string) => string | null;
  outputBytes?: number;
  scanBytes?: number;
  chunkBytes?: number;
  /** Leave the handle open: `logs oyster --follow` goes on reading it from where the tail ended. */
  keepOpen?: boolean;
}

export interface Tail {
  path: string;
  /** Oldest first, as `tail` prints them. */
  lines: string[];
  fileBytes: number;
  /** Why fewer than `--lines` may be shown although the file has more. */
  cut: "none" | "output-cap" | "scan-limit";
}

/** The tail of a log by path: opened only as a plain file (see openRegular). */
export async function tailFile(path: string, opts: TailOptions): Promise<Tail> {
  return tailOpen(await openRegular(path), opts);
}

/**
 * The last `lines` lines of a file (those `keep` accepts), read backwards in chunks: a multi-GB
 * log costs a few reads, never its size in memory. Lines are split on bytes, so a UTF-8
 * character cut by a chunk boundary is decoded whole. Reads the handle it is given (the file
 * that was checked, not whatever the path names now) and closes it unless `keepOpen`.
 */
export async function tailOpen(log: OpenLog, opts: TailOptions): Promise<Tail> {
  const { fh, path, size } = log;
  const outputBytes = opts.outputBytes ?? TAIL_OUTPUT_BYTES;
  const scanBytes = opts.scanBytes ?? SCAN_BYTES;
  const chunkBytes = opts.chunkBytes ?? CHUNK_BYTES;
  const found: string[] = [];
  let kept = 0;
  let cut: Tail["cut"] = "none";
  try {
    let pos = size;
    let carry: Buffer = Buffer.alloc(0);
    let clipped = false;
    let first = true;
    let stopped = false;
    // Returns false when enough is collected.
    const take = (raw: Buffer): boolean => {
      const text = (clipped ? "…" : "") + raw.toString("utf8").replace(/\r$/, "");
      clipped = false;
      const line = opts.keep ? opts.keep(text) : text;
      if (line === null) return true;
      if (kept + line.length + 1 > outputBytes) {
        cut = "output-cap";
        return false;
      }
      found.push(line);
      kept += line.length + 1;
      return found.length < opts.lines;
    };
    scan: while (pos > 0) {
      if (size - pos >= scanBytes) {
        cut = "scan-limit";
        stopped = true;
        break;
      }
      const len = Math.min(chunkBytes, pos);
      pos -= len;
      const buf = Buffer.alloc(len);
      await fh.read(buf, 0, len, pos);
      let end = len;
      // The file's final newline ends the last line; it does not start an empty one.
      if (first && buf[len - 1] === 0x0a) end = len - 1;
      first = false;
      for (let i = end - 1; i >= 0; i--) {
        if (buf[i] !== 0x0a) continue;
        // A clipped line keeps its end only: what precedes the clip is not glued back on.
        if (!take(clipped ? carry : Buffer.concat([buf.subarray(i + 1, end), carry]))) {
          stopped = true;
          break scan;
        }
        carry = Buffer.alloc(0);
        end = i;
      }
      if (!clipped) carry = Buffer.concat([buf.subarray(0, end), carry]);
      if (carry.length > MAX_LINE_BYTES) {
        carry = carry.subarray(carry.length - MAX_LINE_BYTES);
        clipped = true;
      }
    }
    // What is left before the first newline is the file's first line.
    if (!stopped && size > 0) take(carry);
  } finally {
    if (!opts.keepOpen) await fh.close();
  }
  return { path, lines: found.reverse(), fileBytes: size, cut };
}
