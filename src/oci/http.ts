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

function parseJson(text: string): unknown {
  try {
    return text === "" ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function networkDetail(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

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
  const signal = AbortSignal.timeout(t.timeoutMs);
  try {
    const res = await t.fetch(url, { method, headers, ...(body !== undefined ? { body } : {}), signal });
    const json = parseJson(await res.text());
    if (res.status < 200 || res.status > 299) return { ok: false, error: httpFailure(res.status, res.headers, json) };
    return { ok: true, reply: { status: res.status, headers: res.headers, json } };
  } catch (err) {
    if (signal.aborted) return { ok: false, error: { kind: "timeout", message: `no answer within ${t.timeoutMs} ms` } };
    return { ok: false, error: { kind: "network", message: `network error: ${networkDetail(err)}` } };
  }
}
