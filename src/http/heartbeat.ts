import type { Config } from "../config/index.ts";
import type { Logger } from "../log.ts";
import type { RunOutcome } from "../scheduler.ts";
import { urlSecretParts } from "../secrets/url-secret-parts.ts";
import { fetchBody } from "./fetch-body.ts";

export const HEARTBEAT_TIMEOUT_MS = 10_000;

const STATUS = "{status}";

/** One ping URL and the job whose runs it reports. */
export interface HeartbeatTarget {
  job: string;
  url: string;
}

export interface HeartbeatOptions {
  targets: HeartbeatTarget[];
  log: Logger;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}

/**
 * The URL for one run. `{status}` in the configured string (Uptime Kuma's push `?status=`) becomes
 * `up` or `down`; without it, healthchecks.io's convention: `/fail` appended for a failed run.
 * Replaced in the string as configured, before any URL parsing could percent-encode the braces.
 */
export function heartbeatUrl(base: string, ok: boolean): string {
  if (base.includes(STATUS)) return base.split(STATUS).join(ok ? "up" : "down");
  return ok ? base : `${base.replace(/\/+$/, "")}/fail`;
}

/**
 * After every completed run of a job that has a target, one GET to its URL. Fire and forget: the
 * ping has its own deadline and never holds up the run or the next one; a failure is logged with
 * the host only (the URL is the check's secret). A run that could not start (busy) is not a
 * completed run and sends nothing. `settled` waits for the pings in flight (the CLI before it
 * exits, tests), bounded by the timeout.
 */
export function jobHeartbeat(o: HeartbeatOptions) {
  const fetch = o.fetch ?? globalThis.fetch;
  const timeoutMs = o.timeoutMs ?? HEARTBEAT_TIMEOUT_MS;
  const inFlight = new Set<Promise<void>>();
  const ping = async (base: string, ok: boolean) => {
    const url = heartbeatUrl(base, ok);
    // A URL that holds a token is not sent on to wherever a redirect points (a redirect is logged
    // as a failure naming the status and host); a plain URL may follow one (http to https, say).
    const redirect: RequestInit["redirect"] = urlSecretParts(url).length > 0 ? "manual" : "follow";
    const r = await fetchBody(fetch, url, { method: "GET", redirect, signal: AbortSignal.timeout(timeoutMs) });
    const where = new URL(url).host;
    if (!r.ok) o.log.warn({ host: where, detail: r.timedOut ? `no answer within ${timeoutMs} ms` : r.detail }, "heartbeat ping failed");
    else if (r.reply.status >= 400) o.log.warn({ host: where, status: r.reply.status }, "heartbeat ping refused");
  };
  return {
    afterRun(job: string, outcome: RunOutcome): void {
      if (!outcome.ran) return;
      for (const t of o.targets) {
        if (t.job !== job) continue;
        const p = ping(t.url, outcome.result.ok)
          .catch((err: unknown) => o.log.warn({ host: hostOf(t.url), err }, "heartbeat ping failed"))
          .finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
    },
    settled: () => Promise.all([...inFlight]).then(() => undefined),
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "(not a URL)";
  }
}

/** `heartbeat.url` alone, as the guardian's: what the bot has always pinged. */
export function guardianHeartbeat(o: Omit<HeartbeatOptions, "targets"> & { url: string }) {
  return jobHeartbeat({ ...o, targets: [{ job: "guardian", url: o.url }] });
}

/**
 * The targets a process pings. `heartbeat.jobs.<job>` in every process that runs jobs (the bot's
 * schedule, `oyster run`); `heartbeat.url` only in the bot (`withGuardianUrl`), as it always was:
 * a dead man's switch for the running bot's guardian.
 */
export function heartbeatTargets(config: Pick<Config, "oyster">, opts: { withGuardianUrl: boolean }): HeartbeatTarget[] {
  const { url, jobs } = config.oyster.heartbeat;
  const targets: HeartbeatTarget[] = opts.withGuardianUrl && url ? [{ job: "guardian", url }] : [];
  for (const [job, u] of Object.entries(jobs)) {
    // The same URL under heartbeat.url and heartbeat.jobs.guardian is one check: pinged once.
    if (u && !targets.some((t) => t.job === job && t.url === u)) targets.push({ job, url: u });
  }
  return targets;
}
