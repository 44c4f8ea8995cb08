import type { Server, ServerOptions } from "node:http";
import type { Logger } from "../log.ts";

/**
 * What one client may hold of the HTTP endpoint. It serves two cheap GETs to a scraper and a
 * health check, so the bounds are tight: without them a client that opens sockets and never sends
 * a request keeps each one for Node's defaults (a 60 s headers timeout, checked only every 30 s),
 * and enough of them exhaust the bot's file descriptors, which its SSH connections need.
 */
export interface HttpLimits {
  /** Connections held at once; more are closed as soon as they are accepted. */
  maxConnections: number;
  /** A connection that has not sent a whole request within this long is answered 408 and closed. */
  requestTimeoutMs: number;
  /** How often Node looks for such connections (its default, 30 s, would let them live 30 s more). */
  checkIntervalMs: number;
  /** An idle kept-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
}

export const HTTP_LIMITS: HttpLimits = {
  maxConnections: 64,
  requestTimeoutMs: 10_000,
  checkIntervalMs: 1_000,
  keepAliveTimeoutMs: 5_000,
};

/** A flood of refused connections is one warning a minute, with how many, not a line each. */
const DROP_LOG_EVERY_MS = 60_000;

/** The options createServer takes for these limits. */
export function serverOptions(l: HttpLimits): ServerOptions {
  return {
    headersTimeout: l.requestTimeoutMs,
    requestTimeout: l.requestTimeoutMs,
    connectionsCheckingInterval: l.checkIntervalMs,
    keepAliveTimeout: l.keepAliveTimeoutMs,
  };
}

/** The limits createServer does not take as options, and a warning when connections are refused. */
export function applyLimits(server: Server, l: HttpLimits, log: Logger): void {
  server.maxConnections = l.maxConnections;
  server.keepAliveTimeout = l.keepAliveTimeoutMs;
  let dropped = 0;
  let loggedAt = -Infinity;
  server.on("drop", () => {
    dropped++;
    const now = performance.now();
    if (now - loggedAt < DROP_LOG_EVERY_MS) return;
    log.warn({ dropped, maxConnections: l.maxConnections }, "HTTP endpoint at its connection limit: connections refused");
    loggedAt = now;
    dropped = 0;
  });
}
