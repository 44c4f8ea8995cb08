import type { Runtime } from "../runtime.ts";
import { toOysterError } from "../errors.ts";
import { checkHealth } from "./healthz.ts";
import { createMetrics } from "./metrics.ts";
import { startHttpEndpoint, type HttpEndpoint } from "./server.ts";

/**
 * The bot's HTTP endpoint when `http.port` is set. A port that cannot be bound is logged as an
 * error and the bot runs on without it: the jobs and Slack matter more than the endpoint.
 */
export async function startHttpOnConfig(o: { runtime: Runtime; jobs: readonly string[]; probeWrite(): void }): Promise<HttpEndpoint | undefined> {
  const { config, store, log } = o.runtime;
  const { port, host } = config.oyster.http;
  if (port === undefined) return undefined;
  const startedAt = o.runtime.now();
  try {
    return await startHttpEndpoint({
      host,
      port,
      log: log.child({ subsystem: "http" }),
      health: () => checkHealth({ db: store.db, jobs: o.jobs, guardianPeriodSeconds: config.guardian.interval_seconds, startedAt, now: o.runtime.now(), probeWrite: o.probeWrite }),
      metrics: createMetrics({ db: store.db, config }),
    });
  } catch (err) {
    log.error({ host, port, err: toOysterError(err).message }, "HTTP endpoint could not start; running without /healthz and /metrics");
    return undefined;
  }
}
