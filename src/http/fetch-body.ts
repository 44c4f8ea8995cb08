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
  | { ok: false; timedOut: boolean; detail: string; redirect?: RedirectRefusal };

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
 */
export async function fetchBody(fetch: typeof globalThis.fetch, url: string | URL, init: RequestInit & { signal: AbortSignal }): Promise<FetchOutcome> {
  const sent: RequestInit = { ...init, redirect: init.redirect ?? "manual" };
  try {
    const res = await fetch(url, sent);
    if (sent.redirect === "manual") {
      const refused = redirectRefusal(res, url);
      if (refused) {
        await res.body?.cancel().catch(() => {});
        return { ok: false, timedOut: false, detail: refused.detail, redirect: refused };
      }
    }
    const text = await res.text();
    return { ok: true, reply: { status: res.status, headers: res.headers, text, json: parseJson(text) } };
  } catch (err) {
    return { ok: false, timedOut: init.signal.aborted, detail: networkDetail(err, url) };
  }
}
