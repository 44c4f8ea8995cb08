/** A reply read to its end: status, headers, the body as text and, when it is JSON, parsed. */
export interface FetchedReply {
  status: number;
  headers: Headers;
  text: string;
  /** undefined when the body is empty or not JSON. */
  json: unknown;
}

export type FetchOutcome = { ok: true; reply: FetchedReply } | { ok: false; timedOut: boolean; detail: string };

function parseJson(text: string): unknown {
  try {
    return text === "" ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** undici hides the reason (ECONNREFUSED, ENOTFOUND) in `cause`. */
function networkDetail(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return `network error: ${cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err))}`;
}

/**
 * One request with its body read, under `init.signal`. Never throws: a refused connection or a
 * signal that fired comes back as `{ ok: false }`, for the caller to turn into its own failure
 * (the monitor's error reading, the OCI grab's attempt verdict).
 */
export async function fetchBody(fetch: typeof globalThis.fetch, url: string | URL, init: RequestInit & { signal: AbortSignal }): Promise<FetchOutcome> {
  try {
    const res = await fetch(url, init);
    const text = await res.text();
    return { ok: true, reply: { status: res.status, headers: res.headers, text, json: parseJson(text) } };
  } catch (err) {
    return { ok: false, timedOut: init.signal.aborted, detail: networkDetail(err) };
  }
}
