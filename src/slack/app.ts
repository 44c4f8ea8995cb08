import { App, LogLevel } from "@slack/bolt";
import type { SlackSetup } from "../env.ts";
import { boltLogger } from "./bolt-logger.ts";
import { registerListeners } from "./listeners/index.ts";
import type { SlackDeps } from "./router.ts";

export type EnabledSlack = Extract<SlackSetup, { enabled: true }>;

export interface SlackApp {
  app: App;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_API_URL = "https://slack.com/api/";

/**
 * Explicit retries: a Slack outage must never hang a job or a command for long (web-api's
 * default is 10 retries over ~30 minutes, and socket mode would inject 100).
 */
export const SLACK_CLIENT_OPTIONS = {
  retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 },
  timeout: 10_000,
};

/** The Bolt app in Socket Mode (default: the controller sits behind NAT) or HTTP mode. */
export function createSlackApp(setup: EnabledSlack, deps: SlackDeps, opts: { port: number }): SlackApp {
  const logger = boltLogger(deps.log.child({ subsystem: "slack" }));
  const clientOptions = { slackApiUrl: setup.apiUrl ?? DEFAULT_API_URL, ...SLACK_CLIENT_OPTIONS };
  const app =
    setup.mode === "socket"
      ? new App({ token: setup.botToken, appToken: setup.appToken, socketMode: true, clientOptions, logger, logLevel: LogLevel.WARN })
      : new App({ token: setup.botToken, signingSecret: setup.signingSecret, clientOptions, logger, logLevel: LogLevel.WARN });
  registerListeners(app, deps);
  return {
    app,
    async start() {
      if (setup.mode === "socket") await app.start();
      else await app.start(opts.port);
    },
    async stop() {
      await app.stop();
    },
  };
}
