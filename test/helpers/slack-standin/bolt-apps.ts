// Real Bolt apps wired to a stand-in, with the options that matter for a bot that must neither
// retry behind its own back nor sit disconnected for long. Findings behind each option are in the
// comments; test/integration/slack-standin.test.ts proves them.
import { App, LogLevel, SocketModeReceiver, type Logger, type webApi } from "@slack/bolt";
import type { StandIn } from "./types.ts";

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** A Bolt logger that keeps lines in memory: reconnects log at ERROR and would litter test output. */
export function memoryBoltLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  let level = LogLevel.WARN;
  const keep = (tag: LogLevel) => (...msg: unknown[]) => {
    if (RANK[tag] >= RANK[level]) lines.push(`${tag} ${msg.map(String).join(" ")}`);
  };
  const logger: Logger = { debug: keep(LogLevel.DEBUG), info: keep(LogLevel.INFO), warn: keep(LogLevel.WARN), error: keep(LogLevel.ERROR), setLevel: (l) => (level = l), getLevel: () => level, setName: () => {} };
  return { logger, lines };
}

export interface SocketAppOptions {
  /**
   * SocketModeClient waits clientPingTimeout × (consecutive failures) before reconnecting, pings
   * every clientPingTimeout/3 and drops the socket when a pong is later than clientPingTimeout.
   * Default 5000. Bolt's App never forwards it: only a SocketModeReceiver you build takes it.
   */
  clientPingTimeout?: number;
  /**
   * Retries for apps.connections.open only (the receiver gets its own clientOptions). If that call
   * fails during a reconnect once retries run out, socket-mode rejects inside a timer: an
   * unhandledRejection, and it never tries again.
   */
  socketRetryConfig?: webApi.RetryOptions;
  /** Extra options for app.client (the bot's own Web API calls). */
  clientOptions?: webApi.WebClientOptions;
}

/** The options that make app.client fail fast and visibly: no hidden retry, no 30-minute wait. */
export function strictClientOptions(standIn: StandIn, extra: webApi.WebClientOptions = {}): webApi.WebClientOptions {
  return { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, ...extra };
}

/**
 * Socket Mode with a receiver of our own, so that (1) reconnection is prompt and (2) the Web API
 * client of the app and the socket's apps.connections.open client have separate retry policies.
 */
export function socketModeApp(standIn: StandIn, opts: SocketAppOptions = {}): { app: App; lines: string[] } {
  const { logger, lines } = memoryBoltLogger();
  const receiver = new SocketModeReceiver({
    appToken: "xapp-test",
    logger,
    clientPingTimeout: opts.clientPingTimeout ?? 1000,
    installerOptions: {
      clientOptions: { slackApiUrl: standIn.apiUrl, retryConfig: opts.socketRetryConfig ?? { retries: 20, factor: 1, minTimeout: 250, maxTimeout: 250 } },
    },
  });
  const app = new App({ token: "xoxb-test", receiver, clientOptions: strictClientOptions(standIn, opts.clientOptions), logger, logLevel: LogLevel.WARN });
  return { app, lines };
}

/** The plain App constructor: one clientOptions object shared by app.client and Socket Mode. */
export function plainSocketModeApp(standIn: StandIn): { app: App; lines: string[] } {
  const { logger, lines } = memoryBoltLogger();
  const app = new App({ token: "xoxb-test", appToken: "xapp-test", socketMode: true, clientOptions: { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 } }, logger, logLevel: LogLevel.ERROR });
  return { app, lines };
}

/** HTTP mode on the built-in HTTPReceiver; start it with `app.start(0)` for a free port. */
export function httpModeApp(standIn: StandIn, signingSecret: string): { app: App; lines: string[] } {
  const { logger, lines } = memoryBoltLogger();
  const app = new App({ token: "xoxb-test", signingSecret, clientOptions: strictClientOptions(standIn), logger, logLevel: LogLevel.WARN });
  return { app, lines };
}
