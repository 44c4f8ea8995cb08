import type { Runtime } from "../runtime.ts";
import { toOysterError } from "../errors.ts";
import { checkHealth } from "./healthz.ts";
import { createMetrics } from "./metrics.ts";
import { startHttpEndpoint, type HttpEndpoint } from "./server.ts";
import type { HttpLimits } from "./server-limits.ts";
import { cachedWriteProbe } from "./write-probe.ts";

export interface StartHttpOptions {
  runtime: Pick<Runtime, "config" | "store" | "log" | "now">;
  jobs: readonly string[];
  /** A real write to state.db; /healthz runs it at most once per WRITE_PROBE_EVERY_MS. */
  probeWrite(): void;
  /** Problems the bot's own watches know of (the data dir being full), for /healthz. */
  otherProblems?(): Array<string | undefined>;
  /** HTTP_LIMITS unless given (tests shorten the timeouts). */
  limits?: Partial<HttpLimits>;
}

/**
 * The bot's HTTP endpoint when `http.port` is set. A port that cannot be bound is logged as an
 * error and the bot runs on without it: the jobs and Slack matter more than the endpoint.
 */
export async function startHttpOnConfig(o: StartHttpOptions): Promise<HttpEndpoint | undefined> {
  const { config, store, log } = o.runtime;
  const { port, host } = config.oyster.http;
  if (port === undefined) return undefined;
  const startedAt = o.runtime.now();
  const probeWrite = cachedWriteProbe(o.probeWrite);
  try {
    return await startHttpEndpoint({
      host,
      port,
      log: log.child({ subsystem: "http" }),
      health: () => checkHealth({ db: store.db, jobs: o.jobs, guardianPeriodSeconds: config.guardian.interval_seconds, startedAt, now: o.runtime.now(), probeWrite, ...(o.otherProblems ? { otherProblems: o.otherProblems } : {}) }),
      metrics: createMetrics({ db: store.db, config }),
      ...(o.limits ? { limits: o.limits } : {}),
    });
  } catch (err) {
    log.error({ host, port, err: toOysterError(err).message }, "HTTP endpoint could not start; running without /healthz and /metrics");
    return undefined;
  }
}
