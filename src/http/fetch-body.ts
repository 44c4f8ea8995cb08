import { scrubUrlIn } from "../secrets/url-secret-parts.ts";
import { redirectRefusal, type RedirectRefusal } from "./redirect-refusal.ts";

/** A reply read to its end: status, headers, the body as text and, when it is JSON, parsed. */
export interface FetchedReply {
  status: number;
  headers: Headers;
  text: string;
  /** undefined when the body is empty or not JSON. */
  json: unknown;
}

export type FetchOutcome =
  | { ok: true; reply: FetchedReply }
  | { ok: false; timedOut: boolean; detail: string; redirect?: RedirectRefusal; tooLarge?: true };

/**
 * The most of a reply's body that is read. Every caller expects a small answer (a provider's
 * quota, an OCI page, a ping's "OK"); a larger one is refused, not read on, so a server that
 * sends 50 MB (or never stops) costs at most this much memory.
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

const mib = (n: number) => `${Math.round((n / 1048576) * 10) / 10} MiB`;

type BodyRead = { text: string } | { tooLarge: string };

/**
 * The body as UTF-8 text, read chunk by chunk and given up past `max` bytes (a Content-Length
 * over it is refused before a byte is read). The request's signal still bounds the time: a body
 * trickling in a byte a second ends when the signal fires, as an error of the read.
 */
async function readCapped(res: Response, max: number): Promise<BodyRead> {
  const declared = Number(res.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => {});
    return { tooLarge: `reply too large: HTTP ${res.status} with a ${mib(declared)} body (Content-Length), over the ${mib(max)} limit; not read` };
  }
  if (!res.body) return { text: "" };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return { tooLarge: `reply too large: HTTP ${res.status} with a body over the ${mib(max)} limit; stopped reading` };
    }
    chunks.push(value);
  }
  return { text: new TextDecoder().decode(Buffer.concat(chunks)) };
}

function parseJson(text: string): unknown {
  try {
    return text === "" ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/**
 * undici hides the reason (ECONNREFUSED, ENOTFOUND) in `cause`. Its own messages quote the URL
 * whole ("Request cannot be constructed from a URL that includes credentials: https://u:p@..."),
 * so the URL's secret parts are taken out here, before any log line, alert or reply sees it.
 */
function networkDetail(err: unknown, url: string | URL): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return `network error: ${scrubUrlIn(cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err)), url)}`;
}

/**
 * One request with its body read, under `init.signal`. Never throws: a refused connection or a
 * signal that fired comes back as `{ ok: false }`, for the caller to turn into its own failure
 * (the monitor's error reading, the OCI grab's attempt verdict).
 *
 * Redirects are not followed unless `init.redirect` says "follow": every caller sends a credential
 * (a provider key in a header, an OCI signature, a ping URL's token), and fetch would repeat a
 * custom header such as `x-api-key` to whatever host the Location names. A 3xx with a Location
 * comes back as `{ ok: false, redirect }`, naming the status and the Location's host only.
 *
 * The body is read up to `maxBytes` (MAX_BODY_BYTES): a larger one is `{ ok: false, tooLarge }`.
 */
export async function fetchBody(
  fetch: typeof globalThis.fetch,
  url: string | URL,
  init: RequestInit & { signal: AbortSignal; maxBytes?: number },
): Promise<FetchOutcome> {
  const { maxBytes = MAX_BODY_BYTES, ...rest } = init;
  const sent: RequestInit = { ...rest, redirect: init.redirect ?? "manual" };
  try {
    const res = await fetch(url, sent);
    if (sent.redirect === "manual") {
      const refused = redirectRefusal(res, url);
      if (refused) {
        await res.body?.cancel().catch(() => {});
        return { ok: false, timedOut: false, detail: refused.detail, redirect: refused };
      }
    }
    const body = await readCapped(res, maxBytes);
    if ("tooLarge" in body) return { ok: false, timedOut: false, detail: body.tooLarge, tooLarge: true };
    return { ok: true, reply: { status: res.status, headers: res.headers, text: body.text, json: parseJson(body.text) } };
  } catch (err) {
    return { ok: false, timedOut: init.signal.aborted, detail: networkDetail(err, url) };
  }
}
