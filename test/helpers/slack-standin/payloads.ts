// The payloads Slack sends to an app, built in one place so Socket Mode envelopes and HTTP-mode
// requests carry the same fields, and names agree with conversations.info / users.info answers.
import { randomBytes } from "node:crypto";
import type { Workspace } from "./types.ts";

export const DEFAULT_WORKSPACE: Workspace = {
  botUserId: "U0OYSTERBOT",
  botId: "B0OYSTERBOT",
  teamId: "T0OYSTER",
  teamDomain: "oyster-test",
  appId: "A0OYSTERAPP",
};

// Legacy verification token: Slack still sends it in every payload; Bolt ignores it.
const VERIFICATION_TOKEN = "standInVerificationToken";

/** Deterministic names so a test can predict what users.info / conversations.info say. */
export function channelName(channelId: string): string {
  return `chan-${channelId.toLowerCase()}`;
}

export function userName(userId: string): string {
  return `user-${userId.toLowerCase()}`;
}

/** Shaped like Slack's: "<digits>.<digits>.<hex>"; valid 3 s on real Slack, never checked here. */
export function triggerId(): string {
  const n = () => String(Math.floor(Math.random() * 1e12));
  return `${n()}.${n()}.${randomBytes(16).toString("hex")}`;
}

export interface SlashCommandFields {
  /** As the user typed it; sent escaped, as Slack sends it. */
  text: string;
  user_id: string;
  channel_id?: string;
  response_url: string;
  command?: string;
}

/**
 * What Slack does to the text a user types before sending it to an app: &, < and > become
 * entities (a user typing `<!channel>` sends `&lt;!channel&gt;`), so an app that unescapes it
 * must escape it again wherever it shows it.
 */
export function slackEscapedUserText(typed: string): string {
  return typed.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Every field Slack sends for a slash command, all strings (it is a form post on the wire). */
export function slashCommandFields(p: SlashCommandFields, ws: Workspace = DEFAULT_WORKSPACE): Record<string, string> {
  const channelId = p.channel_id ?? "C0OPS";
  return {
    token: VERIFICATION_TOKEN,
    team_id: ws.teamId,
    team_domain: ws.teamDomain,
    channel_id: channelId,
    channel_name: channelName(channelId),
    user_id: p.user_id,
    user_name: userName(p.user_id),
    command: p.command ?? "/oyster",
    text: slackEscapedUserText(p.text),
    api_app_id: ws.appId,
    is_enterprise_install: "false",
    response_url: p.response_url,
    trigger_id: triggerId(),
  };
}

/** The url-encoded body of an HTTP-mode slash command, as Slack posts it to /slack/events. */
export function slashCommandForm(p: SlashCommandFields): string {
  return new URLSearchParams(slashCommandFields(p)).toString();
}

export interface BlockActionsInput {
  user_id: string;
  channel_id: string;
  action_id: string;
  value: string;
  response_url: string;
  message_ts?: string;
}

/** A button click (block_actions). HTTP mode wraps it as `payload=<JSON>`; Socket Mode sends it as is. */
export function blockActionsPayload(p: BlockActionsInput, ws: Workspace = DEFAULT_WORKSPACE): Record<string, unknown> {
  const messageTs = p.message_ts ?? "1732700000.000100";
  const actionTs = (Date.now() / 1000).toFixed(6);
  return {
    type: "block_actions",
    user: { id: p.user_id, username: userName(p.user_id), name: userName(p.user_id), team_id: ws.teamId },
    api_app_id: ws.appId,
    token: VERIFICATION_TOKEN,
    container: { type: "message", message_ts: messageTs, channel_id: p.channel_id, is_ephemeral: false },
    trigger_id: triggerId(),
    team: { id: ws.teamId, domain: ws.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: p.channel_id, name: channelName(p.channel_id) },
    message: { type: "message", user: ws.botUserId, bot_id: ws.botId, ts: messageTs, text: "", team: ws.teamId },
    state: { values: {} },
    response_url: p.response_url,
    actions: [
      {
        action_id: p.action_id,
        block_id: "standin-block",
        text: { type: "plain_text", text: p.action_id, emoji: true },
        value: p.value,
        type: "button",
        action_ts: actionTs,
      },
    ],
  };
}

/** The app's DM with a user (App Home's Messages tab): a stable id per user. */
export function appDmChannel(userId: string): string {
  return `D${userId.replace(/^[UW]/, "")}`.slice(0, 11);
}

/**
 * The Events API callback Slack sends (Socket Mode: the payload of an `events_api` envelope;
 * HTTP mode: the JSON body POSTed to the request URL), around one event.
 */
export function eventCallbackPayload(event: Record<string, unknown>, ws: Workspace = DEFAULT_WORKSPACE): Record<string, unknown> {
  const seconds = Math.floor(Date.now() / 1000);
  return {
    token: VERIFICATION_TOKEN,
    team_id: ws.teamId,
    api_app_id: ws.appId,
    event,
    type: "event_callback",
    event_id: `Ev${randomBytes(5).toString("hex").toUpperCase()}`,
    event_time: seconds,
    authorizations: [{ enterprise_id: null, team_id: ws.teamId, user_id: ws.botUserId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${randomBytes(12).toString("base64url")}`,
  };
}

export interface AppHomeOpenedInput {
  user_id: string;
  /** Default "home". */
  tab?: "home" | "messages";
  /** The Home as last published to this user: Slack includes it once a view has been published. */
  view?: { id: string; hash: string; blocks: unknown[] };
}

/** `app_home_opened`, as Slack documents it (api.slack.com/events/app_home_opened). */
export function appHomeOpenedEvent(p: AppHomeOpenedInput, ws: Workspace = DEFAULT_WORKSPACE): Record<string, unknown> {
  const tab = p.tab ?? "home";
  return {
    type: "app_home_opened",
    user: p.user_id,
    channel: appDmChannel(p.user_id),
    tab,
    event_ts: (Date.now() / 1000).toFixed(6),
    ...(p.view && tab === "home"
      ? {
          view: {
            id: p.view.id, team_id: ws.teamId, type: "home", blocks: p.view.blocks, private_metadata: "", callback_id: "", hash: p.view.hash,
            clear_on_close: false, notify_on_close: false, root_view_id: p.view.id, app_id: ws.appId, external_id: "", app_installed_team_id: ws.teamId, bot_id: ws.botId,
          },
        }
      : {}),
  };
}
