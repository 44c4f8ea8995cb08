import type { Translate } from "../locale/index.ts";
import { terminalText } from "../render/terminal-text.ts";
import { fitWidth } from "./fit-width.ts";
import { progressLine } from "./progress-line.ts";
import type { Progress, ProgressTask } from "./progress.ts";

/** Back to the line's start and erase it: Oyster's own sequence, written only to a terminal. */
export const CLEAR_LINE = "\r\x1b[2K";

export interface TerminalProgressOptions {
  /** The terminal's width; the line is cut to one column less, so it never wraps (a wrapped line cannot be redrawn). */
  columns?: number;
  /** The least time between two redraws (default 100 ms); a step in between is drawn when it has passed. */
  intervalMs?: number;
  /** How often the line is redrawn when nothing moves, for its elapsed time (default 1 s). */
  tickMs?: number;
  now?: () => number;
}

/**
 * One live line on a terminal, redrawn in place (`\r` + erase line) at most every `intervalMs`,
 * and erased by `end`, so the result that follows starts on a clean line. Only for a stdout that
 * is a terminal (progressFor decides); the text goes through terminalText before it is drawn.
 */
export function terminalProgress(out: { write(s: string): unknown }, t: Translate, opts: TerminalProgressOptions = {}): Progress {
  const now = opts.now ?? (() => performance.now());
  const intervalMs = opts.intervalMs ?? 100;
  const columns = Math.max(10, (opts.columns ?? 80) - 1);
  let state: { task: ProgressTask; total: number; done: number; active: readonly string[]; startedAt: number } | undefined;
  let lastDraw = -Infinity;
  let shown = false;
  let pending: NodeJS.Timeout | undefined;
  let ticker: NodeJS.Timeout | undefined;

  const draw = () => {
    clearTimeout(pending);
    pending = undefined;
    if (!state) return;
    lastDraw = now();
    const line = progressLine({ ...state, elapsedMs: lastDraw - state.startedAt }, t);
    out.write(`${CLEAR_LINE}${fitWidth(terminalText(line).replace(/\s+/g, " "), columns)}`);
    shown = true;
  };
  const request = () => {
    if (!state) return;
    const wait = lastDraw + intervalMs - now();
    if (wait <= 0) draw();
    else pending ??= setTimeout(draw, wait).unref();
  };
  return {
    start(total, task) {
      state = { task, total, done: 0, active: [], startedAt: now() };
      // Drawn once the caller's first steps are in (a sync starts its first nodes right after).
      queueMicrotask(request);
      ticker ??= setInterval(request, opts.tickMs ?? 1000).unref();
    },
    step(done, active = []) {
      if (!state) return;
      state.done = done;
      state.active = [...active];
      request();
    },
    end() {
      clearTimeout(pending);
      clearInterval(ticker);
      pending = ticker = undefined;
      state = undefined;
      if (shown) out.write(CLEAR_LINE);
      shown = false;
    },
  };
}
