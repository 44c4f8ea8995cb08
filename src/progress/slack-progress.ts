import type { Translate } from "../locale/index.ts";
import type { Logger } from "../log.ts";
import { escapeMrkdwn } from "../slack/render/mrkdwn.ts";
import { terminalText } from "../render/terminal-text.ts";
import { progressLine } from "./progress-line.ts";
import type { Progress, ProgressTask } from "./progress.ts";

/**
 * Slack accepts 5 posts to one response_url within 30 minutes. Progress takes at most 3 of them:
 * the final answer needs one, and a reply with files (the quota chart) may need one more for its
 * fallback text when the upload fails.
 */
export const SLACK_PROGRESS_UPDATES = 3;
/** The least time between two updates of the message (and between the ack and the first). */
export const SLACK_PROGRESS_INTERVAL_MS = 2000;

export interface SlackProgressDeps {
  /** Replaces the message in place (`replace_original: true` on the response_url), with this mrkdwn. */
  post(mrkdwn: string): Promise<unknown>;
  t: Translate;
  /** Trusted mrkdwn put above the progress line ("working on `/oyster sync`..."), or none. */
  head?: string;
  log?: Pick<Logger, "warn">;
  intervalMs?: number;
  maxUpdates?: number;
  now?: () => number;
}

/** A Progress that also knows when it may post, and is closed before the final answer. */
export interface SlackProgress extends Progress {
  /** The message to update exists now (the ack was sent, or the plan was clicked): updates may start. */
  arm(): void;
  /** No more updates; resolves once the last one is done, so the final answer is never overtaken. */
  close(): Promise<void>;
}

/**
 * The "working on ..." reply updated in place as nodes finish: at most one update per
 * `intervalMs` (a step in between is posted when it has passed, with the state then) and at most
 * `maxUpdates` in all, one after another, never after `close`. A failed update is logged, never
 * thrown: the work goes on, and its answer still comes.
 */
export function slackProgress(deps: SlackProgressDeps): SlackProgress {
  const now = deps.now ?? (() => performance.now());
  const intervalMs = deps.intervalMs ?? SLACK_PROGRESS_INTERVAL_MS;
  let left = deps.maxUpdates ?? SLACK_PROGRESS_UPDATES;
  let state: { task: ProgressTask; total: number; done: number; active: readonly string[]; startedAt: number } | undefined;
  let armedAt: number | undefined;
  let lastPost = -Infinity;
  let lastText = "";
  let closed = false;
  let pending: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();

  const post = () => {
    clearTimeout(pending);
    pending = undefined;
    if (!state || closed || left <= 0) return;
    lastPost = now();
    const line = escapeMrkdwn(terminalText(progressLine({ ...state, elapsedMs: lastPost - state.startedAt }, deps.t)));
    const text = deps.head ? `${deps.head}\n${line}` : line;
    if (text === lastText) return;
    lastText = text;
    left -= 1;
    chain = chain.then(() => deps.post(text)).then(
      () => undefined,
      (err: unknown) => deps.log?.warn({ err }, "slack progress update failed"),
    );
  };
  const request = () => {
    if (!state || closed || armedAt === undefined || left <= 0) return;
    const wait = Math.max(lastPost, armedAt) + intervalMs - now();
    if (wait <= 0) post();
    else pending ??= setTimeout(post, wait).unref();
  };
  return {
    start(total, task) {
      state = { task, total, done: 0, active: [], startedAt: now() };
      request();
    },
    step(done, active = []) {
      if (!state) return;
      state.done = done;
      state.active = [...active];
      request();
    },
    end() {
      clearTimeout(pending);
      pending = undefined;
      state = undefined;
    },
    arm() {
      armedAt ??= now();
      request();
    },
    close() {
      closed = true;
      clearTimeout(pending);
      pending = undefined;
      return chain;
    },
  };
}
