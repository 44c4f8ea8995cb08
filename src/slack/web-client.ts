import { webApi } from "@slack/bolt";
import type { EnabledSlack } from "./app.ts";
import { SLACK_CLIENT_OPTIONS } from "./app.ts";

/**
 * A Web API client with the bot's retry and timeout settings, for processes that post without a
 * running Bolt app (the CLI delivering an alert or `report --send`).
 */
export function createWebClient(setup: EnabledSlack): webApi.WebClient {
  return new webApi.WebClient(setup.botToken, { slackApiUrl: setup.apiUrl ?? "https://slack.com/api/", ...SLACK_CLIENT_OPTIONS });
}
