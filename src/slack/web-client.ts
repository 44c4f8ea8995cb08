import { LogLevel, webApi, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../log.ts";
import type { EnabledSlack } from "./app.ts";
import { SLACK_CLIENT_OPTIONS } from "./app.ts";
import { boltLogger } from "./bolt-logger.ts";

/**
 * A Web API client with the bot's retry and timeout settings, for processes that post without a
 * running Bolt app (the CLI delivering an alert or `report --send`). Its messages go to `log`:
 * web-api's default logger writes to the console, which would land in the CLI's `--json` stdout.
 */
export function createWebClient(setup: EnabledSlack, log?: Logger): webApi.WebClient {
  return new webApi.WebClient(setup.botToken, {
    slackApiUrl: setup.apiUrl ?? "https://slack.com/api/",
    ...SLACK_CLIENT_OPTIONS,
    ...(log ? { logger: boltLogger(log) } : {}),
  });
}

/** One delivery call gives up after this long: a hung Slack costs one timeout, not three. */
export const DELIVERY_TIMEOUT_MS = 10_000;

// The delivery channel reports every failure itself (thrown to the outbox, which logs it once).
const quiet: BoltLogger = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

/**
 * The client delivery posts with: the token and API URL of `from` (the bot's or the CLI's
 * client), with a policy of its own. No hidden retry: a retry after an answer that was lost
 * (a dropped socket, a timeout) posts the message a second time, and the outbox already retries
 * (or falls back to email) with its own backoff. A 429 is handed back at once instead of waited
 * out inside web-api, which pauses the client's whole queue for as long as Retry-After says
 * (an hour, if Slack says so) and then posts after the outbox has given up on the call: the
 * delivery channel waits short Retry-Afters itself and hands longer ones to the outbox.
 */
export function deliveryClientFrom(from: webApi.WebClient, timeoutMs = DELIVERY_TIMEOUT_MS): webApi.WebClient {
  return new webApi.WebClient(from.token, {
    slackApiUrl: from.slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
    logger: quiet,
  });
}
