// A stand-in for Anthropic's `GET /api/oauth/usage` on 127.0.0.1: answers per bearer token (each
// rig node logs in with its own), records every request with its headers, and runs a test's
// hook inside the request handler, while the node's reader is still waiting for the answer.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";

export const USAGE_PATH = "/api/oauth/usage";

export interface UsageRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The bearer token presented, if any. */
  token: string | undefined;
}

export interface UsageReply {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; a string as it is. */
  body?: unknown;
  /** Accept and never answer (the socket stays open until close()). */
  hang?: boolean;
}

export interface UsageStandin {
  /** `http://127.0.0.1:<port>/api/oauth/usage`: what OYSTER_TEST_CLAUDE_USAGE_URL is set to. */
  url: string;
  requests: UsageRequest[];
  /** From now on, a request with this token is answered so. Unknown tokens get the real 401 shape. */
  answer(token: string, reply: UsageReply | ((req: UsageRequest) => UsageReply)): void;
  /** Runs inside the handler before the answer is sent: the caller is mid-request then. */
  onRequest(hook: ((req: UsageRequest) => void) | null): void;
  close(): Promise<void>;
}

/** A 200 in the endpoint's shape, with the windows given (null = no data) and the extra keys it sends. */
export function usageBody(windows: Record<string, { utilization: number; resets_at: string } | null>): Record<string, unknown> {
  return { ...windows, extra_usage: { is_enabled: false, monthly_limit: null, used_credits: null, utilization: null } };
}

/** Anthropic's error body. */
export function usageError(type: string, message: string, errorCode?: string): Record<string, unknown> {
  return { type: "error", error: { type, message, ...(errorCode ? { details: { error_code: errorCode } } : {}) } };
}

function send(res: ServerResponse, reply: UsageReply): void {
  if (reply.hang) return;
  const text = reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status ?? 200, { "content-type": typeof reply.body === "string" ? "text/plain" : "application/json", ...reply.headers });
  res.end(text);
}

export async function startUsageStandin(): Promise<UsageStandin> {
  const replies = new Map<string, UsageReply | ((req: UsageRequest) => UsageReply)>();
  const requests: UsageRequest[] = [];
  let hook: ((req: UsageRequest) => void) | null = null;
  const server = createServer((req, res) => {
    const auth = req.headers.authorization;
    const rec: UsageRequest = { method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, token: auth?.startsWith("Bearer ") ? auth.slice(7) : undefined };
    requests.push(rec);
    hook?.(rec);
    const r = rec.token === undefined ? undefined : replies.get(rec.token);
    if (!r) return send(res, { status: 401, body: usageError("authentication_error", "Invalid bearer token") });
    send(res, typeof r === "function" ? r(rec) : r);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("usage stand-in: no TCP address");
  return {
    url: `http://127.0.0.1:${address.port}${USAGE_PATH}`,
    requests,
    answer: (token, reply) => void replies.set(token, reply),
    onRequest: (h) => void (hook = h),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
