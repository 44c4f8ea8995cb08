import { terminalText } from "../render/terminal-text.ts";
import { scrub } from "../secrets/index.ts";
import { followFile } from "./follow-file.ts";
import { logViewText } from "./log-view.ts";
import { openRegular } from "./open-regular.ts";
import { renderLogLine, type LogFilter } from "./render-log-line.ts";
import { tailOpen } from "./tail-file.ts";

export interface FollowLogOptions {
  path: string;
  /** How many lines of the existing tail to print first (`--lines`). */
  lines: number;
  filter: LogFilter;
  /** The terminal (or pipe) the lines go to, as they come. */
  out: { write(s: string): unknown; on?(event: "error", listener: () => void): unknown };
  /** Scrubbed from every line: these lines bypass the result scrubber in invoke.ts. */
  secrets: readonly string[];
  /** The CLI line that shows the tail whole, for the cut note. */
  command: string;
  signal: AbortSignal;
  pollMs?: number;
}

/**
 * `logs oyster --follow`: the tail as `logs oyster` prints it, then every new line as it is
 * written, across rotation, until `signal` aborts. Lines are rendered, filtered, scrubbed and
 * stripped of control characters exactly as the tail's are. Returns how many new lines it showed.
 */
export async function followLog(opts: FollowLogOptions): Promise<number> {
  const keep = (line: string) => renderLogLine(line, opts.filter);
  const print = (text: string) => opts.out.write(`${terminalText(scrub(text, opts.secrets))}\n`);
  // One handle for the tail and the follow: nothing written between the two is lost or doubled.
  const log = await openRegular(opts.path);
  let tail;
  try {
    tail = await tailOpen(log, { lines: opts.lines, keep, keepOpen: true });
  } catch (err) {
    await log.fh.close();
    throw err;
  }
  if (tail.lines.length > 0 || tail.cut !== "none") {
    print(logViewText({ source: "oyster", requested: opts.lines, ...tail, command: opts.command }));
  }

  // The reader went away (`| head`): stop, rather than write into a broken pipe until Ctrl-C.
  // The listener stays: the CLI's closing line meets the same broken pipe, and an 'error' with
  // no listener would end the process with a stack trace instead of its exit code.
  const gone = new AbortController();
  opts.out.on?.("error", () => gone.abort());
  let shown = 0;
  await followFile({
    from: log,
    signal: AbortSignal.any([opts.signal, gone.signal]),
    ...(opts.pollMs !== undefined ? { pollMs: opts.pollMs } : {}),
    onLine(raw) {
      const line = keep(raw);
      if (line === null || gone.signal.aborted) return;
      shown += 1;
      print(line);
    },
    onNote: (note) => print(`-- ${note}`),
  });
  return shown;
}
