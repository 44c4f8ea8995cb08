import type { Logger } from "../log.ts";
import type { SlackApp } from "./app.ts";

const RETRY_MS = 30_000;

/**
 * Connects to Slack without holding the bot hostage: when Slack is unreachable at start, the
 * jobs run anyway and the connection is tried again every 30 s. Returns a stopper.
 */
export function startWithRetry(slack: SlackApp, log: Logger, retryMs = RETRY_MS): { stop(): Promise<void> } {
  let stopped = false;
  let started = false;
  let timer: NodeJS.Timeout | undefined;
  const attempt = async () => {
    try {
      await slack.start();
      started = true;
      log.info("Slack connected");
    } catch (err) {
      log.warn({ err, retryInSeconds: retryMs / 1000 }, "Slack connection failed; jobs keep running");
      if (!stopped) timer = setTimeout(() => void attempt(), retryMs);
    }
  };
  void attempt();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (started) await slack.stop().catch((err: unknown) => log.warn({ err }, "Slack stop failed"));
    },
  };
}
