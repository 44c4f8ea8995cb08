import type { Logger } from "../log.ts";
import type { RunOutcome } from "../scheduler.ts";
import { urlSecretParts } from "../secrets/url-secret-parts.ts";
import { fetchBody } from "./fetch-body.ts";

export const HEARTBEAT_TIMEOUT_MS = 10_000;

export interface HeartbeatOptions {
  /** `heartbeat.url`: a dead man's switch such as healthchecks.io. */
  url: string;
  log: Logger;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}

/** The URL for one guardian run: healthchecks.io's convention, `/fail` appended for a failed run. */
export function heartbeatUrl(base: string, ok: boolean): string {
  return ok ? base : `${base.replace(/\/+$/, "")}/fail`;
}

/**
 * After every completed guardian run, one GET to `heartbeat.url` (or its `/fail`). Fire and forget:
 * the ping has its own deadline and never holds up the run or the next one; a failure is logged.
 * A run that could not start (busy) is not a completed run and sends nothing.
 * Returns the pings in flight, for tests and shutdown.
 */
export function guardianHeartbeat(o: HeartbeatOptions) {
  const fetch = o.fetch ?? globalThis.fetch;
  const timeoutMs = o.timeoutMs ?? HEARTBEAT_TIMEOUT_MS;
  const inFlight = new Set<Promise<void>>();
  // A URL that holds a token is not sent on to wherever a redirect points (a redirect is logged
  // as a failure naming the status and host); a plain URL may follow one (http to https, say).
  const redirect: RequestInit["redirect"] = urlSecretParts(o.url).length > 0 ? "manual" : "follow";
  const ping = async (ok: boolean) => {
    const url = heartbeatUrl(o.url, ok);
    const r = await fetchBody(fetch, url, { method: "GET", redirect, signal: AbortSignal.timeout(timeoutMs) });
    // The URL is the secret of a healthchecks.io check: log where, not the whole of it.
    const where = new URL(url).host;
    if (!r.ok) o.log.warn({ host: where, detail: r.timedOut ? `no answer within ${timeoutMs} ms` : r.detail }, "heartbeat ping failed");
    else if (r.reply.status >= 400) o.log.warn({ host: where, status: r.reply.status }, "heartbeat ping refused");
  };
  return {
    afterRun(job: string, outcome: RunOutcome): void {
      if (job !== "guardian" || !outcome.ran) return;
      const p = ping(outcome.result.ok).finally(() => inFlight.delete(p));
      inFlight.add(p);
    },
    settled: () => Promise.all([...inFlight]).then(() => undefined),
  };
}
