// A stand-in for the four providers' quota endpoints: a real node:http server on 127.0.0.1
// answering reference/providers.md's documented shapes, scriptable per route (status, headers,
// body, a hang), recording every request so tests can assert the auth headers sent.
import { createServer, type ServerResponse } from "node:http";
import { readBody } from "../read-body.ts";
import { presentedKey, rejection } from "./auth.ts";
import { DOCUMENTED } from "./documented.ts";
import type { RecordedRequest, Responder, ScriptedReply } from "./types.ts";

export type { RecordedRequest, Responder, ScriptedReply } from "./types.ts";
export * from "./documented.ts";
export * from "./real-shapes.ts";

export interface ProviderStandin {
  /** `http://127.0.0.1:<port>`: an account's `baseUrl`. */
  url: string;
  requests: RecordedRequest[];
  /** Answers `"METHOD /path"` this way from now on (until reset). */
  route(route: string, responder: Responder): void;
  /** Only these keys are accepted; others get the provider's own 401. Default: any key. */
  acceptKeys(keys: readonly string[] | null): void;
  /** Back to the documented answers, every key accepted, no requests recorded. */
  reset(): void;
  close(): Promise<void>;
}

function parse(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return text;
  }
}

function send(res: ServerResponse, reply: ScriptedReply): void {
  if (reply.hang) return;
  const body = reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
  const type = typeof reply.body === "string" ? "text/plain" : "application/json";
  res.writeHead(reply.status ?? 200, { "content-type": type, ...reply.headers });
  res.end(body);
}

export async function startProviderStandin(): Promise<ProviderStandin> {
  let routes = new Map<string, Responder>(Object.entries(DOCUMENTED));
  let accepted: readonly string[] | null = null;
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const text = raw.toString("utf8");
      const url = new URL(req.url ?? "/", "http://standin");
      const rec: RecordedRequest = {
        method: req.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body: parse(text),
      };
      requests.push(rec);
      const key = presentedKey(rec);
      if (accepted && (key === undefined || !accepted.includes(key))) return send(res, rejection(rec));
      const responder = routes.get(`${rec.method} ${rec.path}`);
      if (!responder) return send(res, { status: 404, body: { error: { message: "not found" } } });
      send(res, typeof responder === "function" ? responder(rec) : responder);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("provider stand-in: no TCP address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    route: (route, responder) => void routes.set(route, responder),
    acceptKeys: (keys) => void (accepted = keys),
    reset: () => {
      routes = new Map(Object.entries(DOCUMENTED));
      accepted = null;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
