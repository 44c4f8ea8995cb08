// The public shape of the Slack stand-in. Kept apart from the implementation so tests and the
// pieces of the stand-in can share it without import cycles.

/** One Web API call as the stand-in received it. */
export interface ApiCall {
  method: string;
  /** From `Authorization: Bearer …` (how @slack/web-api sends it), else a `token` form field. */
  token: string | undefined;
  /** Form fields decoded; values web-api JSON-stringified (blocks, attachments, files) parsed back. */
  body: Record<string, unknown>;
  /** Date.now() when the request arrived. */
  at: number;
}

export interface Misbehaviour {
  kind: "ok" | "http500" | "rate-limited" | "ok-false" | "hang";
  /** Methods it applies to; default every Web API method (apps.connections.open and auth.test too). */
  methods?: string[];
  /** For rate-limited: the Retry-After header, default 1. */
  retryAfterSeconds?: number;
  /** For ok-false, default "invalid_auth". */
  error?: string;
  /** How many calls it applies to; default unlimited. */
  times?: number;
}

/** A channel message as it stands after chat.postMessage / chat.update. */
export interface StoredMessage {
  ts: string;
  channel: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
  /** How many chat.update calls changed it. */
  updates: number;
}

/** A file that went through files.getUploadURLExternal → upload URL → files.completeUploadExternal. */
export interface StoredUpload {
  id: string;
  filename: string;
  /** Bytes received at the upload URL (0 until step 2 happened). */
  bytes: number;
  /** What arrived at the upload URL (the file part of a multipart body), once step 2 happened. */
  content?: Buffer;
  /** Set by files.completeUploadExternal. */
  completed: boolean;
  title?: string;
  channel_id?: string;
  initial_comment?: string;
  thread_ts?: string;
}

/** A user's App Home as views.publish left it. */
export interface StoredHomeView {
  id: string;
  userId: string;
  blocks: unknown[];
  hash: string;
  /** How many views.publish calls for this user were accepted. */
  publishes: number;
}

export interface SlashCommandInput {
  /** As the user typed it; the stand-in escapes &, < and > as Slack does. */
  text: string;
  user_id: string;
  channel_id?: string;
  /** Default "/oyster". */
  command?: string;
}

export interface StandIn {
  /** "http://127.0.0.1:PORT/api/": pass as clientOptions.slackApiUrl. */
  apiUrl: string;
  /** Every Web API call received, in order (misbehaving ones too). */
  calls: ApiCall[];
  messages(channel?: string): StoredMessage[];
  /** Files uploaded with the three-step external upload. */
  uploads: StoredUpload[];
  /** JSON POSTs received at response URLs. */
  responses: Array<{ id: string; body: Record<string, unknown> }>;
  /** A fresh response_url pointing at the stand-in (usable 5 times, like Slack's). */
  responseUrl(): string;
  /** Applies to subsequent Web API calls until `times` runs out or reset(); replaces the previous one. */
  misbehave(m: Misbehaviour): void;
  /** Forgets calls, messages, uploads, responses and the misbehaviour; connections stay as they are. */
  reset(): void;
  /** apps.connections.open calls that were answered with a URL (not reset by reset()). */
  readonly connectionsOpened: number;
  /** Resolves once a client is connected and has been sent {type:"hello"}. */
  waitForSocket(timeoutMs?: number): Promise<void>;
  /** A slash_commands envelope with every Slack field; resolves on the ack, rejects after 3 s without. */
  slashCommand(p: SlashCommandInput): Promise<{ ackMs: number; ack: Record<string, unknown> | undefined; responseUrl: string }>;
  /** The Home tab views.publish left for a user (undefined: never published). */
  homeView(userId: string): StoredHomeView | undefined;
  /**
   * The user opens the app's Home (or Messages) tab: an `events_api` envelope carrying
   * `app_home_opened` (with the user's current Home view once one was published); resolves on the ack.
   */
  appHomeOpened(p: { user_id: string; tab?: "home" | "messages" }): Promise<{ ackMs: number }>;
  /** An "interactive" envelope (e.g. blockActionsPayload(...)); resolves on the ack, rejects after 3 s. */
  interaction(payload: Record<string, unknown>): Promise<{ ackMs: number }>;
  /** Sends {type:"disconnect", reason} (default refresh_requested) to every live connection. */
  disconnect(reason?: "refresh_requested" | "warning" | "link_disabled"): void;
  /** Terminates every Socket Mode connection at the TCP level, without a close frame. */
  dropSocket(): void;
  /** Drops every socket, stops listening for downtimeMs (default 0), listens again on the same port. */
  restart(downtimeMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface StandInOptions {
  botUserId?: string;
  teamId?: string;
}

/** Identity the stand-in answers with; every id in payloads comes from here so they agree. */
export interface Workspace {
  botUserId: string;
  botId: string;
  teamId: string;
  teamDomain: string;
  appId: string;
}
