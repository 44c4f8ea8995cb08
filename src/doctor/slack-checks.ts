import type { Config } from "../config/index.ts";
import { readEnvOptions, slackSetup, type SlackSetup } from "../env.ts";
import { ConfigError } from "../errors.ts";
import { line, firstLine, say } from "./line.ts";
import type { DoctorLine } from "./types.ts";

const DEFAULT_API_URL = "https://slack.com/api/";
/** One Web API call; no retry: doctor says what Slack answered now. */
const CALL_TIMEOUT_MS = 10_000;
/** A channel ID (public C..., private G..., or a DM); a `#name` cannot be looked up by conversations.info. */
const CHANNEL_ID_RE = /^[CGD][A-Z0-9]{6,}$/;

export type SlackAnswer = { ok: true; body: Record<string, unknown> } | { ok: false; error: string; needed?: string; network?: boolean };

/** One Web API method as Slack documents the call: a form POST to `<api url><method>` with a Bearer token. */
export async function slackCall(apiUrl: string, method: string, token: string, form: Record<string, string> = {}, fetchFn: typeof fetch = fetch): Promise<SlackAnswer> {
  try {
    const res = await fetchFn(`${apiUrl.replace(/\/*$/, "/")}${method}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    if (res.status !== 200) return { ok: false, error: `HTTP ${res.status}`, network: true };
    const body = (await res.json()) as Record<string, unknown>;
    if (body.ok === true) return { ok: true, body };
    return { ok: false, error: typeof body.error === "string" ? body.error : "unknown_error", ...(typeof body.needed === "string" ? { needed: body.needed } : {}) };
  } catch (err) {
    // fetch says only "fetch failed"; why is in its cause (ECONNREFUSED, ENOTFOUND, a bad port).
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why = e.name === "TimeoutError" ? `no answer within ${CALL_TIMEOUT_MS} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { ok: false, error: why, network: true };
  }
}

function setupOf(config: Config, env: NodeJS.ProcessEnv): { setup: SlackSetup } | { problems: string[] } {
  try {
    return { setup: slackSetup(readEnvOptions(env).slack, config.oyster.slack.mode) };
  } catch (err) {
    if (err instanceof ConfigError) return { problems: err.problems };
    throw err;
  }
}

/** The channel's line: the bot is a member (conversations.info `is_member`), or what is wrong. */
async function channelLine(apiUrl: string, token: string, key: "alertChannel" | "reportChannel", channel: string | undefined, fetchFn: typeof fetch): Promise<DoctorLine> {
  const name = `slack.${key}`;
  // The report goes to the alert channel when it has none of its own (src/slack/slack-channel.ts).
  if (channel === undefined && key === "reportChannel") return line("slack", name, "ok", say("doctor.slack.reportFollowsAlert"));
  if (channel === undefined) return line("slack", name, "warn", say("doctor.slack.noAlertChannel"), say("doctor.slack.setChannelFix", { key: name }));
  if (!CHANNEL_ID_RE.test(channel)) return line("slack", name, "warn", say("doctor.slack.channelByName", { channel }), say("doctor.slack.channelIdFix", { key: name }));
  const r = await slackCall(apiUrl, "conversations.info", token, { channel }, fetchFn);
  if (r.ok) {
    const info = (r.body.channel ?? {}) as { name?: unknown; is_member?: unknown; is_archived?: unknown };
    const shown = typeof info.name === "string" ? `#${info.name} (${channel})` : channel;
    if (info.is_archived === true) return line("slack", name, "fail", say("doctor.slack.archived", { channel: shown }), say("doctor.slack.setChannelFix", { key: name }));
    return info.is_member === true
      ? line("slack", name, "ok", say("doctor.slack.member", { channel: shown }))
      : line("slack", name, "fail", say("doctor.slack.notMember", { channel: shown }), say("doctor.slack.inviteFix", { channel: shown }));
  }
  if (r.error === "missing_scope") return line("slack", name, "warn", say("doctor.slack.missingScope", { channel, needed: r.needed ?? "channels:read" }), say("doctor.slack.scopeFix", { channel }));
  if (r.error === "channel_not_found") return line("slack", name, "fail", say("doctor.slack.channelNotFound", { channel }), say("doctor.slack.inviteFix", { channel }));
  return line("slack", name, "fail", say("doctor.slack.callFailed", { method: "conversations.info", error: r.error }), say(r.network ? "doctor.slack.networkFix" : "doctor.slack.inviteFix", { channel }));
}

/**
 * Slack's tokens and channels: the bot token (`auth.test`), the app-level token in Socket Mode
 * (`apps.connections.open`, whose URL is never opened), and the bot's membership of the alert and
 * report channels (`conversations.info`'s `is_member`). The tokens never appear in a line.
 */
export async function slackChecks(config: Config, env: NodeJS.ProcessEnv, fetchFn: typeof fetch = fetch): Promise<DoctorLine[]> {
  const mode = config.oyster.slack.mode;
  const got = setupOf(config, env);
  if ("problems" in got) {
    return got.problems.map((p) => line("slack", "tokens", "fail", say("doctor.slack.partial", { problem: p }), say(mode === "socket" ? "doctor.slack.setTokensFix" : "doctor.slack.setHttpTokensFix")));
  }
  const { setup } = got;
  if (!setup.enabled) {
    return [line("slack", "tokens", "fail", say(mode === "socket" ? "doctor.slack.off" : "doctor.slack.offHttp"), say(mode === "socket" ? "doctor.slack.setTokensFix" : "doctor.slack.setHttpTokensFix"))];
  }
  const apiUrl = setup.apiUrl ?? DEFAULT_API_URL;
  const [auth, app] = await Promise.all([
    slackCall(apiUrl, "auth.test", setup.botToken, {}, fetchFn),
    setup.mode === "socket" ? slackCall(apiUrl, "apps.connections.open", setup.appToken, {}, fetchFn) : Promise.resolve(undefined),
  ]);
  const lines: DoctorLine[] = [];
  if (auth.ok) {
    const who = typeof auth.body.user === "string" ? auth.body.user : String(auth.body.user_id ?? "?");
    const team = typeof auth.body.team === "string" ? auth.body.team : String(auth.body.team_id ?? "?");
    lines.push(line("slack", "SLACK_BOT_TOKEN", "ok", say("doctor.slack.authOk", { user: who, team })));
  } else {
    lines.push(line("slack", "SLACK_BOT_TOKEN", "fail", say("doctor.slack.callFailed", { method: "auth.test", error: firstLine(auth.error) }), say(auth.network ? "doctor.slack.networkFix" : "doctor.slack.botTokenFix")));
  }
  if (app) {
    lines.push(app.ok
      ? line("slack", "SLACK_APP_TOKEN", "ok", say("doctor.slack.appOk"))
      : line("slack", "SLACK_APP_TOKEN", "fail", say("doctor.slack.callFailed", { method: "apps.connections.open", error: firstLine(app.error) }), say(app.network ? "doctor.slack.networkFix" : "doctor.slack.appTokenFix")));
  } else {
    lines.push(line("slack", "SLACK_SIGNING_SECRET", "ok", say("doctor.slack.signingSet")));
  }
  // Without a working bot token every channel would fail the same way: said once, above.
  if (!auth.ok) return lines;
  const { alertChannel, reportChannel } = config.oyster.slack;
  lines.push(...(await Promise.all([
    channelLine(apiUrl, setup.botToken, "alertChannel", alertChannel, fetchFn),
    channelLine(apiUrl, setup.botToken, "reportChannel", reportChannel, fetchFn),
  ])));
  return lines;
}
