// The Web API methods the bot uses, answered with Slack's shapes and error codes, plus the
// channel state they build (messages, uploads). Unknown methods answer {ok:true} so a new call in
// the bot is recorded rather than failing here first.
import type { StoredMessage, StoredUpload, Workspace } from "./types.ts";
import { channelName, userName } from "./payloads.ts";
import { HomeViews } from "./home-views.ts";

type Answer = Record<string, unknown>;
type Body = Record<string, unknown>;

const fail = (error: string): Answer => ({ ok: false, error });
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

export class WebApiState {
  readonly messages: StoredMessage[] = [];
  readonly uploads: StoredUpload[] = [];
  /** App Home tabs published with views.publish, per user. */
  readonly homes: HomeViews;
  private tsSeq = 0;
  private fileSeq = 0;

  constructor(
    private readonly ws: Workspace,
    /** "http://127.0.0.1:PORT/": a function because the port is known only once the server listens. */
    private readonly baseUrl: () => string,
    /** Issues a Socket Mode URL (and counts it); owned by the socket server. */
    private readonly openSocket: () => string,
  ) {
    this.homes = new HomeViews(ws);
  }

  reset(): void {
    this.messages.length = 0;
    this.uploads.length = 0;
    this.homes.reset();
  }

  /** Slack-like ts, strictly increasing: "1732700000.000100", "1732700000.000200", … */
  nextTs(): string {
    this.tsSeq += 1;
    const micros = this.tsSeq * 100;
    return `${1732700000 + Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, "0")}`;
  }

  /** Step 2 of the external upload: the bytes arrive at the URL step 1 handed out. */
  receiveUpload(fileId: string, content: Buffer): boolean {
    const upload = this.uploads.find((u) => u.id === fileId);
    if (upload === undefined) return false;
    upload.bytes = content.length;
    upload.content = content;
    return true;
  }

  answer(method: string, token: string | undefined, body: Body): Answer {
    if (token === undefined) return fail("not_authed");
    // App-level tokens only open sockets; bot tokens cannot (Slack enforces both directions).
    const appToken = token.startsWith("xapp-");
    if (method === "apps.connections.open") return appToken ? { ok: true, url: this.openSocket() } : fail("not_allowed_token_type");
    if (appToken) return fail("not_allowed_token_type");
    switch (method) {
      case "auth.test":
        return { ok: true, url: `https://${this.ws.teamDomain}.slack.com/`, team: "Oyster Test", user: "oyster", team_id: this.ws.teamId, user_id: this.ws.botUserId, bot_id: this.ws.botId, is_enterprise_install: false };
      case "chat.postMessage":
        return this.postMessage(body);
      case "chat.update":
        return this.update(body);
      case "chat.postEphemeral":
        if (!str(body.channel)) return fail("channel_not_found");
        if (!str(body.user)) return fail("user_not_in_channel");
        return { ok: true, message_ts: this.nextTs() };
      case "conversations.info":
        return this.conversationInfo(body);
      case "users.info":
        return this.userInfo(body);
      case "files.getUploadURLExternal":
        return this.uploadUrl(body);
      case "files.completeUploadExternal":
        return this.completeUpload(body);
      case "views.publish":
        return this.homes.publish(body);
      default:
        return { ok: true };
    }
  }

  private botMessage(ts: string, m: StoredMessage): Answer {
    return { type: "message", user: this.ws.botUserId, bot_id: this.ws.botId, app_id: this.ws.appId, team: this.ws.teamId, ts, text: m.text ?? "", blocks: m.blocks, thread_ts: m.thread_ts };
  }

  private postMessage(body: Body): Answer {
    const channel = str(body.channel);
    if (channel === undefined) return fail("channel_not_found");
    const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
    if (str(body.text) === undefined && blocks === undefined && body.attachments === undefined) return fail("no_text");
    const ts = this.nextTs();
    const message: StoredMessage = { ts, channel, text: str(body.text), blocks, thread_ts: str(body.thread_ts), updates: 0 };
    this.messages.push(message);
    return { ok: true, channel, ts, message: this.botMessage(ts, message) };
  }

  private update(body: Body): Answer {
    const channel = str(body.channel);
    const message = this.messages.find((m) => m.channel === channel && m.ts === body.ts);
    if (channel === undefined || message === undefined) return fail(channel === undefined ? "channel_not_found" : "message_not_found");
    if (typeof body.text === "string") message.text = body.text;
    if (Array.isArray(body.blocks)) message.blocks = body.blocks;
    message.updates += 1;
    return { ok: true, channel, ts: message.ts, text: message.text ?? "", message: this.botMessage(message.ts, message) };
  }

  private conversationInfo(body: Body): Answer {
    const id = str(body.channel);
    if (id === undefined) return fail("channel_not_found");
    const name = channelName(id);
    return {
      ok: true,
      channel: { id, name, name_normalized: name, is_channel: id.startsWith("C"), is_group: false, is_im: id.startsWith("D"), is_private: id.startsWith("G"), is_archived: false, is_general: false, is_member: true, created: 1700000000, creator: "U0CREATOR" },
    };
  }

  private userInfo(body: Body): Answer {
    const id = str(body.user);
    if (id === undefined) return fail("user_not_found");
    const name = userName(id);
    const isBot = id === this.ws.botUserId;
    return {
      ok: true,
      user: { id, team_id: this.ws.teamId, name, real_name: name, deleted: false, is_bot: isBot, is_admin: false, tz: "UTC", profile: { real_name: name, display_name: name, ...(isBot ? { bot_id: this.ws.botId } : {}) } },
    };
  }

  private uploadUrl(body: Body): Answer {
    const filename = str(body.filename);
    const length = Number(body.length);
    if (filename === undefined || !Number.isInteger(length) || length < 0) return fail("invalid_arguments");
    this.fileSeq += 1;
    const id = `F0STANDIN${String(this.fileSeq).padStart(4, "0")}`;
    this.uploads.push({ id, filename, bytes: 0, completed: false });
    return { ok: true, upload_url: `${this.baseUrl()}upload/${id}`, file_id: id };
  }

  private completeUpload(body: Body): Answer {
    if (!Array.isArray(body.files) || body.files.length === 0) return fail("invalid_arguments");
    const done: Answer[] = [];
    for (const f of body.files as Array<{ id?: unknown; title?: unknown }>) {
      const upload = this.uploads.find((u) => u.id === f.id);
      if (upload === undefined) return fail("file_not_found");
      Object.assign(upload, { completed: true, title: str(f.title) ?? upload.filename, channel_id: str(body.channel_id), initial_comment: str(body.initial_comment), thread_ts: str(body.thread_ts) });
      done.push({ id: upload.id, name: upload.filename, title: upload.title, size: upload.bytes, user: this.ws.botUserId });
    }
    return { ok: true, files: done };
  }
}
