import { App, LogLevel, SocketModeReceiver } from "@slack/bolt";
import type { HomeTiming } from "../app-home/create-home.ts";
import type { HomePublisher } from "../app-home/home-publisher.ts";
import type { SlackSetup } from "../env.ts";
import { boltLogger } from "./bolt-logger.ts";
import { refuseReplays, slackHttpReceiver } from "./http-receiver.ts";
import { registerListeners } from "./listeners/index.ts";
import type { SlackDeps } from "./router.ts";

export type EnabledSlack = Extract<SlackSetup, { enabled: true }>;

export interface SlackApp {
  app: App;
  /** The App Home's publisher: main.ts tells it when an alert changes. */
  home: HomePublisher;
  /** Hands the listeners the process's notifier and report sink once delivery is wired. */
  setDelivery(d: Pick<SlackDeps, "notifier" | "reportSink">): void;
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

/**
 * The socket's own client (apps.connections.open) keeps trying through a long outage: when it
 * runs out of retries during a reconnect, socket-mode gives up for good (and rejects inside a
 * timer). A receiver of our own also gets a short ping timeout, which is also its reconnect delay
 * (Bolt's App never passes that option on; the default waits 5 s).
 */
const SOCKET_RETRIES = { retries: 1_000_000, factor: 2, minTimeout: 1000, maxTimeout: 30_000 };
const CLIENT_PING_TIMEOUT_MS = 2000;

/**
 * The Bolt app in Socket Mode (default: the controller sits behind NAT) or HTTP mode (listening on
 * `slack.host`, replays refused).
 */
export function createSlackApp(setup: EnabledSlack, deps: SlackDeps, opts: { port: number; homeTiming?: HomeTiming }): SlackApp {
  const logger = boltLogger(deps.log.child({ subsystem: "slack" }));
  const clientOptions = { slackApiUrl: setup.apiUrl ?? DEFAULT_API_URL, ...SLACK_CLIENT_OPTIONS };
  const app =
    setup.mode === "socket"
      ? new App({
          token: setup.botToken,
          receiver: new SocketModeReceiver({
            appToken: setup.appToken,
            logger,
            clientPingTimeout: CLIENT_PING_TIMEOUT_MS,
            installerOptions: { clientOptions: { slackApiUrl: clientOptions.slackApiUrl, retryConfig: SOCKET_RETRIES } },
          }),
          clientOptions,
          logger,
          logLevel: LogLevel.WARN,
        })
      : new App({ token: setup.botToken, receiver: slackHttpReceiver(setup.signingSecret, logger), clientOptions, logger, logLevel: LogLevel.WARN });
  if (setup.mode === "http") app.use(refuseReplays(deps.log.child({ subsystem: "slack" })));
  const home = registerListeners(app, deps, opts.homeTiming);
  return {
    app,
    home,
    setDelivery(d) {
      Object.assign(deps, d);
    },
    async start() {
      home.start();
      if (setup.mode === "socket") await app.start();
      // Plain HTTP on slack.host only (127.0.0.1 by default): Slack reaches it through a TLS proxy.
      else await app.start({ port: opts.port, host: deps.config.oyster.slack.host });
    },
    async stop() {
      home.stop();
      await app.stop();
    },
  };
}
