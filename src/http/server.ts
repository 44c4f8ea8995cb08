import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../log.ts";
import type { Health } from "./healthz.ts";
import { applyLimits, HTTP_LIMITS, serverOptions, type HttpLimits } from "./server-limits.ts";

export interface HttpEndpointOptions {
  host: string;
  port: number;
  log: Logger;
  health(): Health;
  metrics: { contentType: string; text(): Promise<string> };
  /** HTTP_LIMITS unless given (tests shorten the timeouts). */
  limits?: Partial<HttpLimits>;
}

export interface HttpEndpoint {
  port: number;
  close(): Promise<void>;
}

/**
 * `http.port`: GET /healthz and GET /metrics, nothing else. Plain HTTP on `http.host`
 * (127.0.0.1 unless set); put a TLS proxy in front to expose it. Bounded (server-limits.ts): at
 * most 64 connections, each closed unless it sends a whole request within 10 s.
 */
export async function startHttpEndpoint(o: HttpEndpointOptions): Promise<HttpEndpoint> {
  const limits = { ...HTTP_LIMITS, ...o.limits };
  const server: Server = createServer(serverOptions(limits), (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (path !== "/healthz" && path !== "/metrics") return send(404, "text/plain", "not found: try /healthz or /metrics\n");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("allow", "GET, HEAD");
      return send(405, "text/plain", "method not allowed\n");
    }
    if (path === "/healthz") {
      let health: Health;
      try {
        health = o.health();
      } catch (err) {
        health = { healthy: false, problems: [`health check failed: ${(err as Error).message}`], jobs: {} };
      }
      return send(health.healthy ? 200 : 503, "application/json", `${JSON.stringify({ status: health.healthy ? "ok" : "unhealthy", ...health })}\n`);
    }
    o.metrics.text().then(
      (text) => send(200, o.metrics.contentType, text),
      (err) => {
        o.log.warn({ err: (err as Error).message }, "metrics failed");
        send(500, "text/plain", "metrics failed\n");
      },
    );
  });
  applyLimits(server, limits, o.log);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  o.log.info({ host: o.host, port }, "HTTP endpoint listening (/healthz, /metrics)");
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
