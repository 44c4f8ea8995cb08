import { webApi } from "@slack/bolt";
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
