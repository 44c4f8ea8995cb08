import { fetchBody } from "../http/fetch-body.ts";
import type { OciProfile } from "./config-file.ts";
import { ociKeyId, signRequest } from "./sign-request.ts";
import type { OciFailure } from "./types.ts";

/** What every request needs: who signs, how to send, and when to give up. */
export interface OciTransport {
  profile: Pick<OciProfile, "tenancy" | "user" | "fingerprint" | "privateKey">;
  fetch: typeof globalThis.fetch;
  now: () => Date;
  timeoutMs: number;
}

export interface OciReply {
  status: number;
  headers: Headers;
  json: unknown;
}

export type OciSendOutcome = { ok: true; reply: OciReply } | { ok: false; error: OciFailure };

/** OCI's error body is `{code, message}`; anything else leaves both undefined. */
function httpFailure(status: number, headers: Headers, json: unknown): OciFailure {
  const body = (json && typeof json === "object" ? json : {}) as { code?: unknown; message?: unknown };
  const requestId = headers.get("opc-request-id");
  return {
    kind: "http",
    status,
    ...(typeof body.code === "string" ? { code: body.code } : {}),
    ...(typeof body.message === "string" ? { message: body.message } : {}),
    ...(requestId ? { opcRequestId: requestId } : {}),
  };
}

/**
 * One signed request, body read included, under `timeoutMs`. Never throws: an error status,
 * a refused connection or a timeout come back as an `OciFailure` for the caller to classify.
 */
export async function sendSigned(
  t: OciTransport,
  method: "GET" | "POST",
  url: URL,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<OciSendOutcome> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers = signRequest({
    method,
    url,
    headers: { accept: "application/json", ...options.headers },
    ...(body !== undefined ? { body } : {}),
    key: t.profile.privateKey,
    keyId: ociKeyId(t.profile),
    now: t.now,
  });
  // fetch writes host and content-length itself, with the values just signed (url.host, the
  // body's byte length). Passing them too breaks in the bot: Slack's socket-mode loads undici 7,
  // whose global dispatcher then serves Node's fetch and refuses a given content-length
  // ("invalid content-length header").
  const { host: _host, "content-length": _length, ...sent } = headers;
  // Signed requests are never sent on to a redirect's host: the signature and the request it
  // covers would go to a host nobody configured. A redirect is an error status naming that host.
  const r = await fetchBody(t.fetch, url, { method, headers: sent, ...(body !== undefined ? { body } : {}), redirect: "manual", signal: AbortSignal.timeout(t.timeoutMs) });
  if (!r.ok && r.redirect) return { ok: false, error: { kind: "http", status: r.redirect.status, message: `redirect to ${r.redirect.host} not followed (the request is signed)` } };
  if (!r.ok) {
    return { ok: false, error: r.timedOut ? { kind: "timeout", message: `no answer within ${t.timeoutMs} ms` } : { kind: "network", message: r.detail } };
  }
  const { status, headers: replyHeaders, json } = r.reply;
  if (status < 200 || status > 299) return { ok: false, error: httpFailure(status, replyHeaders, json) };
  return { ok: true, reply: { status, headers: replyHeaders, json } };
}
